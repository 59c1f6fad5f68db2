"""What the tests share, so each rule of driving the program is written once.

- ``widgets``: finding a named widget, delivering pending Qt events;
- ``waiting``: polling a condition with a deadline (for code without a Qt event loop);
- ``app_driver``: the whole program built as ``main()`` builds it, and the agent's
  login sequence and key presses on it;
- ``fakes``: an ``ApiClient`` over ``httpx.MockTransport`` and a sync engine with short
  back-offs;
- ``writes``: the two write payloads, enqueueing them (also into a closed data folder),
  and recording outcomes the way the sync engine does;
- ``day``: a day of calls in the call log, a known one and a realistic one;
- ``processes``: ``main.py`` and stand-in programs run as child processes;
- ``damaged``: a local database cut short, as a bad copy leaves it;
- ``claims``: the owner of a process that crashed;
- ``screens``: where screenshots go (a git-ignored folder unless regenerating);
- ``log_guard``: logged ERRORs a test did not expect fail it;
- ``tracked_files``: the suite never changes a file git tracks.
"""
