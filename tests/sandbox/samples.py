"""Files a newcomer can try the busy seller's tools with: a 50-row orders spreadsheet (5 rows with
mistakes, so the bot has something to point out) and a photo-like label with a barcode."""

from __future__ import annotations

import io

from openpyxl import Workbook

from services.labels import LabelData, render_label

CITIES = ("Samarqand", "Uchtepa", "Qarshi", "Asaka", "Chilonzor")
MISTAKES = {
    7: ("phone", "55-55"),
    15: ("city", "Narniya"),
    23: ("weight", "heavy"),
    31: ("name", ""),
    44: ("cod", "a lot"),
}
COLUMNS = ("name", "phone", "city", "address", "weight", "cod")


def orders_xlsx(rows: int = 50) -> bytes:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["Receiver", "Phone", "City or district", "Address", "Weight, kg", "Cash on delivery, so'm"])
    for line in range(2, rows + 2):
        row: list[object] = [
            f"Mijoz {line}",
            f"+99890{2000000 + line:07d}",
            CITIES[line % 5],
            f"Ko'cha {line}",
            1 + line % 4,
            "",
        ]
        mistake = MISTAKES.get(line)
        if mistake is not None:
            row[COLUMNS.index(mistake[0])] = mistake[1]
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def label_png(barcode: str) -> bytes:
    out = io.BytesIO()
    render_label(LabelData(barcode=barcode, receiver_city="Samarqand", receiver_name="Odil Ahmedov")).save(
        out, format="PNG"
    )
    return out.getvalue()
