"""The one table of fulfillment statuses (seed 002) and of receiving states (ours, derived).

Fulfillment orders carry ``fulfillment_status``: 1 new, 2 picking, 3 closed, 4 loaded,
5 scheduled, 6 cancelled, 7 opened. Reading: "loaded" (handed to the carrier) and "cancelled"
end the warehouse's part, so the sync stops asking about them; "closed" is the picking closed
(the order is packed) and "opened" an order reopened, both still moving.

Receivings carry no status field in seed 001. Their state is read from the record:
``announced`` (created through the bot, not yet handed back by the WMS), ``recorded`` (the WMS
handed it over in ``receiving-goods/clients``: the warehouse has it on file), ``accepted``
(``acceptance_gate`` is set: the goods came through a gate). Changing the reading is one
function here.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from services.wms.models import FulfillmentStatus


@dataclass(frozen=True, slots=True)
class FulfillmentStatusInfo:
    code: int
    key: str  # Fluent message id of the name
    is_final: bool


_FINAL = frozenset({FulfillmentStatus.LOADED, FulfillmentStatus.CANCELLED})

STATUSES: dict[int, FulfillmentStatusInfo] = {
    status.value: FulfillmentStatusInfo(status.value, f"ff-status-{status.value}", status in _FINAL)
    for status in FulfillmentStatus
}


def fulfillment_status(code: int | None) -> FulfillmentStatusInfo:
    """The table entry; an unknown code gets ``ff-status-unknown`` and keeps being followed."""
    if code is not None and code in STATUSES:
        return STATUSES[code]
    return FulfillmentStatusInfo(code or 0, "ff-status-unknown", False)


def status_is_final(code: int | None) -> bool:
    return fulfillment_status(code).is_final


class ReceivingState(StrEnum):
    ANNOUNCED = "announced"
    RECORDED = "recorded"
    ACCEPTED = "accepted"

    @property
    def key(self) -> str:
        return f"ff-receiving-{self.value}"


def receiving_state(record: Mapping[str, Any]) -> ReceivingState:
    """The state of a receiving record as the WMS handed it over (see the module docstring)."""
    if record.get("acceptance_gate") not in (None, ""):
        return ReceivingState.ACCEPTED
    return ReceivingState.RECORDED
