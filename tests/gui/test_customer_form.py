"""The in-place customer form: inline messages, nothing lost, the exact payload, keys."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QPushButton, QWidget

from desktop_app.api import Choice
from desktop_app.ui.widgets.customer_form import CustomerForm
from desktop_app.ui.widgets.follow_edit import FollowEdit

PHONE_HINT = "请输入手机号或带区号的固话，如 13800138000 或 020-12345678"  # as the agent reads it

GENDERS = [Choice("--", "U"), Choice("女", "W"), Choice("男", "M")]
TYPES = [Choice("一般客", "01"), Choice("意向客", "02"), Choice("重点客", "03")]


@pytest.fixture
def form(qtbot):
    widget = CustomerForm()
    qtbot.addWidget(widget)
    widget.set_choices(GENDERS, TYPES)
    widget.show()
    qtbot.waitExposed(widget)
    widget.activateWindow()
    return widget


def edit(form: CustomerForm, name: str) -> QLineEdit:
    found = form.findChild(QWidget, name)  # 跟进 is a wrapping FollowEdit with the same text API
    assert isinstance(found, (QLineEdit, FollowEdit)), name
    return found  # type: ignore[return-value]


def error_label(form: CustomerForm, name: str) -> QLabel:
    found = form.findChild(QLabel, f"{name}Error")
    assert found is not None, name
    return found


def combo(form: CustomerForm, name: str) -> QComboBox:
    found = form.findChild(QComboBox, name)
    assert found is not None
    return found


def test_object_names_and_button_texts(form: CustomerForm) -> None:
    for name in ("customerName", "customerPhone", "customerRecommend", "customerFollow"):
        edit(form, name)
    assert combo(form, "customerGender").count() == 3
    assert combo(form, "customerType").itemData(1) == "02"
    save = form.findChild(QPushButton, "customerSave")
    assert save is not None and save.text() == "保存 (Enter)"
    cancel = form.findChild(QPushButton, "customerCancel")
    assert cancel is not None and cancel.text() == "取消 (Esc)"


def test_prefill_fills_name_phone_and_recommend_and_saves_the_exact_payload(qtbot, form) -> None:
    form.prefill("冯先生", "159 2044 7900", "碧桂园凤凰城")
    assert edit(form, "customerName").text() == "冯先生"
    assert edit(form, "customerPhone").text() == "159 2044 7900"
    assert edit(form, "customerRecommend").text() == "碧桂园凤凰城"
    combo(form, "customerGender").setCurrentIndex(2)
    combo(form, "customerType").setCurrentIndex(1)
    edit(form, "customerFollow").insert("周末看房")  # key clicks are ASCII only
    with qtbot.waitSignal(form.submitted) as blocker:
        qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    assert blocker.args == [
        {
            "customer_name": "冯先生",
            "customer_phone": "15920447900",
            "gender_type": "M",
            "customer_type": "02",
            "recommend": "碧桂园凤凰城",
            "follow_content": "周末看房",
        }
    ]
    # the members keep the order of the API document
    assert list(blocker.args[0]) == [
        "customer_name",
        "customer_phone",
        "gender_type",
        "customer_type",
        "recommend",
        "follow_content",
    ]
    assert form.errors() == {}


def test_empty_form_shows_every_message_and_emits_nothing(qtbot, form) -> None:
    form.prefill("", "", "")
    with qtbot.assertNotEmitted(form.submitted):
        assert form.save() is False
    assert error_label(form, "customerName").text() == "请输入客户姓名"
    assert error_label(form, "customerPhone").text() == "请输入电话号码"
    assert error_label(form, "customerRecommend").text() == "请输入推荐项目"
    assert not error_label(form, "customerName").isHidden()
    assert error_label(form, "customerFollow").isHidden()
    assert error_label(form, "customerGender").isHidden()
    assert edit(form, "customerName").hasFocus()


@pytest.mark.parametrize(
    ("field", "text", "message"),
    [
        ("customerPhone", "1380013800", PHONE_HINT),
        ("customerPhone", "020-1234", PHONE_HINT),
        ("customerName", "王" * 21, "客户姓名最多 20 个字，现在有 21 个"),
        ("customerName", "张三😀", "客户姓名不能包含表情符号"),
        ("customerRecommend", "项" * 51, "推荐项目最多 50 个字，现在有 51 个"),
        ("customerFollow", "跟" * 201, "跟进内容最多 200 个字，现在有 201 个"),
        ("customerFollow", "好的👍", "跟进内容不能包含表情符号"),
    ],
)
def test_a_bad_field_is_reported_in_place_and_nothing_typed_is_lost(
    qtbot, form, field: str, text: str, message: str
) -> None:
    form.prefill("张三", "13800138000", "碧桂园")
    edit(form, "customerFollow").insert("先记下")
    edit(form, field).setText(text)
    before = {
        n: edit(form, n).text()
        for n in ("customerName", "customerPhone", "customerRecommend", "customerFollow")
    }
    with qtbot.assertNotEmitted(form.submitted):
        qtbot.keyClick(edit(form, "customerName"), Qt.Key.Key_Return)
    assert error_label(form, field).text() == message
    assert not error_label(form, field).isHidden()
    assert len(form.errors()) == 1
    assert edit(form, field).hasFocus()
    after = {n: edit(form, n).text() for n in before}
    assert after == before  # the over-long text was not cut either


def test_quotes_and_backslashes_are_accepted_unchanged(qtbot, form) -> None:
    form.prefill('O\'Neil "老王"', "020-12345678", "“御景”\\花园")
    with qtbot.waitSignal(form.submitted) as blocker:
        form.save()
    payload = blocker.args[0]
    assert payload["customer_name"] == 'O\'Neil "老王"'
    assert payload["customer_phone"] == "02012345678"
    assert payload["recommend"] == "“御景”\\花园"


def test_messages_follow_the_typing_after_a_refused_save(qtbot, form) -> None:
    form.prefill("张三", "138", "碧桂园")
    form.save()
    assert form.errors() == {"customer_phone": PHONE_HINT}
    qtbot.keyClicks(edit(form, "customerPhone"), "00138000")
    assert form.errors() == {}
    assert error_label(form, "customerPhone").isHidden()


def test_enter_from_each_line_edit_saves(qtbot, form) -> None:
    form.prefill("张三", "13800138000", "碧桂园")
    for name in ("customerName", "customerPhone", "customerRecommend", "customerFollow"):
        with qtbot.waitSignal(form.submitted):
            qtbot.keyClick(edit(form, name), Qt.Key.Key_Return)
    with qtbot.waitSignal(form.submitted):
        qtbot.keyClick(edit(form, "customerName"), Qt.Key.Key_Enter, Qt.KeyboardModifier.KeypadModifier)


def test_enter_from_a_closed_picker_saves(qtbot, form) -> None:
    form.prefill("张三", "13800138000", "碧桂园")
    box = combo(form, "customerType")
    box.setFocus()
    with qtbot.waitSignal(form.submitted):
        qtbot.keyClick(box, Qt.Key.Key_Return)


def test_escape_cancels_and_keeps_nothing_sent(qtbot, form) -> None:
    form.prefill("张三", "13800138000", "碧桂园")
    with qtbot.assertNotEmitted(form.submitted), qtbot.waitSignal(form.cancelled):
        qtbot.keyClick(edit(form, "customerPhone"), Qt.Key.Key_Escape)
    with qtbot.waitSignal(form.cancelled):
        qtbot.mouseClick(form.cancel_button, Qt.MouseButton.LeftButton)


def test_clear_resets_fields_and_messages(form) -> None:
    form.prefill("", "1", "")
    combo(form, "customerType").setCurrentIndex(2)
    form.save()
    assert form.errors()
    form.clear()
    assert form.errors() == {}
    assert all(
        edit(form, n).text() == ""
        for n in ("customerName", "customerPhone", "customerRecommend", "customerFollow")
    )
    assert combo(form, "customerType").currentData() == "01"


def test_without_server_lists_the_pickers_say_so_and_saving_is_refused(qtbot) -> None:
    form = CustomerForm()
    qtbot.addWidget(form)
    form.prefill("张三", "13800138000", "碧桂园")
    with qtbot.assertNotEmitted(form.submitted):
        form.save()
    assert set(form.errors()) == {"gender_type", "customer_type"}
    assert "未取得" in combo(form, "customerGender").currentText()
    # the lists arrive later; the typed text is still there and the form now saves
    form.set_choices(GENDERS, TYPES)
    with qtbot.waitSignal(form.submitted) as blocker:
        form.save()
    assert blocker.args[0]["gender_type"] == "U"
    assert blocker.args[0]["customer_name"] == "张三"


def test_load_shows_a_whole_payload(form) -> None:
    form.load(
        {
            "reg_user_id": 29,
            "customer_name": "李四",
            "customer_phone": "13900139000",
            "gender_type": "W",
            "customer_type": "03",
            "recommend": "万科城",
            "follow_content": "回访",
        }
    )
    assert edit(form, "customerName").text() == "李四"
    assert combo(form, "customerGender").currentText() == "女"
    assert combo(form, "customerType").currentText() == "重点客"
    assert edit(form, "customerFollow").text() == "回访"
