"""The project and package pickers, and a line saying how fresh their lists are.

Projects outside their 在推 dates are hidden unless the setting asks for them, and then
shown greyed. The pickers only show lists and report choices; loading them (server or
cache) is the window's business.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor, QStandardItemModel
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QWidget

from desktop_app.api import Package, Project

from ..widgets.naming import named
from ..widgets.polish import repolish


def project_label(project: Project) -> str:
    """万科东荟城 (2026-01-01 ~ 2026-12-31)."""
    if project.start_date is None and project.end_date is None:
        return project.pro_name
    start = project.start_date.isoformat() if project.start_date else "…"
    end = project.end_date.isoformat() if project.end_date else "…"
    return f"{project.pro_name} ({start} ~ {end})"


def visible_projects(
    projects: list[Project], today: dt.date, show_expired: bool
) -> list[tuple[Project, bool]]:
    """(project, current) pairs to show: current ones first, the others only when asked."""
    current = [p for p in projects if p.is_current(today)]
    if not show_expired:
        return [(p, True) for p in current]
    others = [p for p in projects if not p.is_current(today)]
    return [(p, True) for p in current] + [(p, False) for p in others]


class Pickers(QWidget):
    projectChosen = Signal(object)  # Project | None
    packageChosen = Signal(object)  # Package | None

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("pickers")
        self.projects = named(QComboBox(), "projectPicker")
        self.packages = named(QComboBox(), "packagePicker")
        self.projects.setMinimumContentsLength(24)
        self.packages.setMinimumContentsLength(16)
        self.source = named(QLabel(""), "listsSource")
        project_label_widget = QLabel(self.tr("项目(&P)"))
        project_label_widget.setBuddy(self.projects)
        package_label_widget = QLabel(self.tr("信息包(&K)"))
        package_label_widget.setBuddy(self.packages)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(project_label_widget)
        layout.addWidget(self.projects, 2)
        layout.addWidget(package_label_widget)
        layout.addWidget(self.packages, 1)
        layout.addWidget(self.source)
        self.projects.currentIndexChanged.connect(self._project_changed)
        self.packages.currentIndexChanged.connect(self._package_changed)

    # -- filling ------------------------------------------------------------------

    def set_projects(
        self,
        projects: list[Project],
        today: dt.date,
        show_expired: bool,
        select_id: int | None = None,
    ) -> None:
        shown = visible_projects(projects, today, show_expired)
        previous = self.current_project()
        wanted = select_id if select_id is not None else (previous.pro_id if previous else None)
        self.projects.blockSignals(True)
        self.projects.clear()
        if not shown:
            self.projects.addItem(self.tr("(没有在推的项目)"), None)
        model = self.projects.model()
        for project, current in shown:
            self.projects.addItem(project_label(project), project)
            if not current and isinstance(model, QStandardItemModel):
                item = model.item(self.projects.count() - 1)
                item.setForeground(QBrush(QColor("#9a9a9a")))
                item.setToolTip(self.tr("不在推广日期内"))
        index = next((i for i, (p, _) in enumerate(shown) if p.pro_id == wanted), 0 if shown else -1)
        self.projects.setCurrentIndex(index)
        self.projects.blockSignals(False)
        chosen = self.current_project()
        if chosen != previous or select_id is not None:
            self.projectChosen.emit(chosen)

    def set_packages(self, packages: list[Package], select_id: int | None = None) -> None:
        previous = self.current_package()
        wanted = select_id if select_id is not None else (previous.package_id if previous else None)
        self.packages.blockSignals(True)
        self.packages.clear()
        if not packages:
            self.packages.addItem(self.tr("(没有信息包)"), None)
        for package in packages:
            self.packages.addItem(package.package_name, package)
        index = next((i for i, p in enumerate(packages) if p.package_id == wanted), 0 if packages else -1)
        self.packages.setCurrentIndex(index)
        self.packages.blockSignals(False)
        self.packageChosen.emit(self.current_package())

    def clear_packages(self, note: str) -> None:
        self.packages.blockSignals(True)
        self.packages.clear()
        self.packages.addItem(note, None)
        self.packages.blockSignals(False)

    def set_source(self, text: str, stale: bool) -> None:
        self.source.setText(text)
        self.source.setProperty("stale", stale)
        repolish(self.source)

    # -- reading ------------------------------------------------------------------

    def current_project(self) -> Project | None:
        data = self.projects.currentData(Qt.ItemDataRole.UserRole)
        return data if isinstance(data, Project) else None

    def current_package(self) -> Package | None:
        data = self.packages.currentData(Qt.ItemDataRole.UserRole)
        return data if isinstance(data, Package) else None

    def _project_changed(self, _index: int) -> None:
        self.projectChosen.emit(self.current_project())

    def _package_changed(self, _index: int) -> None:
        self.packageChosen.emit(self.current_package())
