"""International parcels (passport data and PINFL encrypted at rest) and their manifests."""

from __future__ import annotations

import json
from collections.abc import Collection
from datetime import date, datetime
from typing import Any

from pydantic import SecretStr
from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from storage.busy_models import IntlParcel, Manifest
from storage.crypto import SecretBox
from storage.schemas import Record
from storage.types import utc_now


class IntlParcelRecord(Record):
    id: int
    owner_id: int
    order_id: int | None
    parcel_number: str
    barcode: str | None
    personal: SecretStr  # JSON: passport series, number, PINFL; decrypted, never printed
    details: dict[str, Any] | None
    manifest_id: int | None
    manifest_sent: bool
    created_at: datetime

    def personal_data(self) -> dict[str, str]:
        data = json.loads(self.personal.get_secret_value())
        return {str(k): str(v) for k, v in data.items()} if isinstance(data, dict) else {}


class ManifestRecord(Record):
    id: int
    owner_id: int
    number: str
    day: date
    state: str
    sent_at: datetime | None
    message: str | None
    created_at: datetime


class InternationalRepository:
    def __init__(self, session: AsyncSession, box: SecretBox) -> None:
        self.session = session
        self.box = box

    def _record(self, row: IntlParcel) -> IntlParcelRecord:
        return IntlParcelRecord(
            id=row.id,
            owner_id=row.owner_id,
            order_id=row.order_id,
            parcel_number=row.parcel_number,
            barcode=row.barcode,
            personal=SecretStr(self.box.decrypt(row.personal_enc)),
            details=row.details,
            manifest_id=row.manifest_id,
            manifest_sent=row.manifest_sent,
            created_at=row.created_at,
        )

    async def add_parcel(
        self,
        *,
        owner_id: int,
        parcel_number: str,
        personal: dict[str, str],
        details: dict[str, Any],
        order_id: int | None = None,
        barcode: str | None = None,
    ) -> IntlParcelRecord:
        now = utc_now()
        row = IntlParcel(
            owner_id=owner_id,
            order_id=order_id,
            parcel_number=parcel_number,
            barcode=barcode,
            personal_enc=self.box.encrypt(json.dumps(personal, ensure_ascii=False)),
            details=details,
            manifest_sent=False,
            created_at=now,
            updated_at=now,
        )
        self.session.add(row)
        await self.session.flush()
        return self._record(row)

    async def get_parcel(self, owner_id: int, parcel_number: str) -> IntlParcelRecord | None:
        row = (
            await self.session.execute(
                select(IntlParcel).where(
                    IntlParcel.owner_id == owner_id, IntlParcel.parcel_number == parcel_number
                )
            )
        ).scalar_one_or_none()
        return self._record(row) if row is not None else None

    async def get_parcel_by_order(self, owner_id: int, order_id: int) -> IntlParcelRecord | None:
        row = (
            await self.session.execute(
                select(IntlParcel).where(IntlParcel.owner_id == owner_id, IntlParcel.order_id == order_id)
            )
        ).scalar_one_or_none()
        return self._record(row) if row is not None else None

    async def set_barcode(self, parcel_id: int, barcode: str) -> None:
        await self.session.execute(
            update(IntlParcel).where(IntlParcel.id == parcel_id).values(barcode=barcode, updated_at=utc_now())
        )

    async def list_parcels(
        self, owner_id: int, *, without_manifest: bool = False, manifest_id: int | None = None
    ) -> list[IntlParcelRecord]:
        stmt = select(IntlParcel).where(IntlParcel.owner_id == owner_id)
        if without_manifest:
            stmt = stmt.where(IntlParcel.manifest_id.is_(None))
        if manifest_id is not None:
            stmt = stmt.where(IntlParcel.manifest_id == manifest_id)
        rows = (await self.session.execute(stmt.order_by(IntlParcel.id))).scalars()
        return [self._record(r) for r in rows]

    async def create_manifest(
        self, *, owner_id: int, number: str, day: date, parcel_ids: Collection[int]
    ) -> ManifestRecord:
        now = utc_now()
        row = Manifest(
            owner_id=owner_id, number=number, day=day, state="draft", created_at=now, updated_at=now
        )
        self.session.add(row)
        await self.session.flush()
        await self.session.execute(
            update(IntlParcel)
            .where(IntlParcel.owner_id == owner_id, IntlParcel.id.in_(list(parcel_ids)))
            .values(manifest_id=row.id, updated_at=now)
        )
        return ManifestRecord.model_validate(row)

    async def get_manifest(self, owner_id: int, manifest_id: int) -> ManifestRecord | None:
        row = await self.session.get(Manifest, manifest_id, populate_existing=True)
        if row is None or row.owner_id != owner_id:
            return None
        return ManifestRecord.model_validate(row)

    async def get_manifest_by_number(self, owner_id: int, number: str) -> ManifestRecord | None:
        row = (
            await self.session.execute(
                select(Manifest).where(Manifest.owner_id == owner_id, Manifest.number == number)
            )
        ).scalar_one_or_none()
        return ManifestRecord.model_validate(row) if row is not None else None

    async def list_manifests(self, owner_id: int, limit: int = 10) -> list[ManifestRecord]:
        rows = (
            await self.session.execute(
                select(Manifest)
                .where(Manifest.owner_id == owner_id)
                .order_by(Manifest.created_at.desc(), Manifest.id.desc())
                .limit(limit)
            )
        ).scalars()
        return [ManifestRecord.model_validate(r) for r in rows]

    async def mark_parcel_sent(self, parcel_id: int) -> None:
        await self.session.execute(
            update(IntlParcel)
            .where(IntlParcel.id == parcel_id)
            .values(manifest_sent=True, updated_at=utc_now())
        )

    async def set_manifest_state(self, manifest_id: int, state: str, *, message: str | None = None) -> None:
        now = utc_now()
        values: dict[str, Any] = {"state": state, "message": message, "updated_at": now}
        if state == "sent":
            values["sent_at"] = now
        await self.session.execute(update(Manifest).where(Manifest.id == manifest_id).values(**values))
