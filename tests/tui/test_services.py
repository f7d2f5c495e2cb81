"""The app keeps the promise screens rely on: every member of ``tui.services.AppServices`` (and of
the run flow it hands out), with the parameters the interface names."""

from __future__ import annotations

import inspect
import typing

from tui.app import RehabApp
from tui.services import AppServices, RoutineFlow, services


def _members(protocol: type) -> list[str]:
    return sorted(typing._get_protocol_attrs(protocol))  # type: ignore[attr-defined]


def _parameters(fn: object) -> list[str]:
    return [p for p in inspect.signature(fn).parameters if p != "self"]  # type: ignore[arg-type]


def test_the_app_offers_every_service_screens_use(tmp_path):
    app = RehabApp(tmp_path / "journal.db")
    assert isinstance(app, AppServices)
    assert services(app) is app
    assert {"journal", "catalogue", "profile", "now", "today", "write", "notify", "runflow"} <= set(
        _members(AppServices)
    )
    for name in _members(AppServices):
        wanted = getattr(AppServices, name, None)
        if callable(wanted) and not isinstance(wanted, property):
            offered = getattr(app, name)
            assert callable(offered), name
            # the app's method takes (at least) the parameters the interface names
            assert set(_parameters(wanted)) <= set(_parameters(offered)), name
    assert app.journal is None and app.catalogue is None and app.profile is None  # until opened


def test_the_run_flow_offers_what_screens_call(tmp_path):
    flow = RehabApp(tmp_path / "journal.db").runflow
    assert isinstance(flow, RoutineFlow)
    for name in _members(RoutineFlow):
        assert set(_parameters(getattr(RoutineFlow, name))) <= set(_parameters(getattr(flow, name))), name
