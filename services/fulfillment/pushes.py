"""Fulfillment changes as pushes, through the same outbox as parcel pushes.

Enqueued in the transaction that stores the change, one row per message, idempotent by dedup key:
- ``push-ff-status`` (``order_id``, ``code``): a fulfillment order's status changed;
  key ``ff:<order>:<status>:<chat>`` (a status seen again is not pushed again);
- ``push-ff-receiving`` (``number``, ``state``, ``gate``): the warehouse recorded or accepted an
  inbound delivery; key ``rcv:<account>:<wms id>:<state>:<chat>``.

They go to the owner of the WMS account (quiet hours applied by ``plan_push``). The parameter is
``code``, not ``status``: the parcel renderer names ``status`` from the courier table.
"""

from __future__ import annotations

from datetime import datetime

from services.fulfillment.status import ReceivingState, status_is_final
from services.notifications import plan_push
from storage.fulfillment_schemas import CatalogData, FulfillmentOrderRecord
from storage.repositories.outbox import OutboxItem
from storage.schemas import ChatPreferencesRecord

PUSH_FF_STATUS = "push-ff-status"
PUSH_FF_RECEIVING = "push-ff-receiving"


def order_status_item(
    prefs: ChatPreferencesRecord, order: FulfillmentOrderRecord, code: int, *, now: datetime
) -> OutboxItem | None:
    return plan_push(
        prefs,
        message_key=PUSH_FF_STATUS,
        params={"order_id": order.id, "code": code, "final": status_is_final(code)},
        dedup_key=f"ff:{order.id}:{code}:{prefs.chat_id}",
        now=now,
    )


def receiving_item(
    prefs: ChatPreferencesRecord,
    account_id: int,
    record: CatalogData,
    state: ReceivingState,
    *,
    now: datetime,
) -> OutboxItem | None:
    gate = record.data.get("acceptance_gate")
    return plan_push(
        prefs,
        message_key=PUSH_FF_RECEIVING,
        params={
            "number": record.number or str(record.wms_id),
            "state": state.value,
            "gate": "" if gate is None else str(gate),
        },
        dedup_key=f"rcv:{account_id}:{record.wms_id}:{state.value}:{prefs.chat_id}",
        now=now,
    )
