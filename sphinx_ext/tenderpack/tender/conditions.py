"""Whether a profile's ``when:`` holds for a tender: one answer for steps, texts and rules."""

from __future__ import annotations

from typing import Any

from tenderpack.systems.spec import Condition
from tenderpack.tender.model import Tender


def invoice_to_other_unit(tender: Tender) -> bool:
    """A unit receives the invoices that does not order: the supplier invoices elsewhere."""
    return any(d.role == "invoices" for d in tender.departments)


def holds(condition: Condition, tender: Tender) -> bool:
    """Every part the condition gives is true of ``tender``."""
    checks = (
        condition.connection is None or condition.connection in tender.connections,
        condition.setting is None or bool(tender.setting(condition.setting)),
        condition.supply is None or condition.supply == tender.supply,
        condition.channel is None or condition.channel == tender.channel,
        condition.departments_not_on_system is None
        or condition.departments_not_on_system == any(not d.on_system for d in tender.departments),
        condition.several_departments is None
        or condition.several_departments == (len(tender.departments) > 1),
        condition.invoice_to_other_unit is None
        or condition.invoice_to_other_unit == invoice_to_other_unit(tender),
    )
    return all(checks)


def all_hold(conditions: list[Condition], tender: Tender) -> bool:
    return all(holds(condition, tender) for condition in conditions)


def holds_for_raw(condition: Condition, data: dict[str, Any]) -> bool:
    """A setting's ``default_when`` on the file's data, before there is a ``Tender``.

    Only what a file states directly can decide a default: the kind of supply and the channel.
    """
    return (condition.supply is None or condition.supply == data.get("supply")) and (
        condition.channel is None or condition.channel == data.get("channel")
    )
