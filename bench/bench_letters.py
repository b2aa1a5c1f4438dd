"""Letters benchmark: referral letters for 1,000 referrals of a demo vault.

Each letter is timed from opening a session to having the PDF bytes: fetching its data
from the (SQLCipher) vault plus rendering. The yardstick is a minimal one-page reportlab
document with the same embedded fonts (DejaVu Sans regular and bold), so the ratio says
what our layout costs on top of reportlab itself. Goals: <= 15 ms per letter, <= 3x.
"""

from __future__ import annotations

import io
import os
import shutil
import statistics
import time
from typing import Any

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph, SimpleDocTemplate
from sqlalchemy import select

from bench import common
from bench.common import median, percentile, save, table, timed
from waakvlam_desktop.clock import FixedClock
from waakvlam_desktop.documents.consent_form import render_consent_form
from waakvlam_desktop.documents.fonts import register_fonts
from waakvlam_desktop.documents.referral_documents import generate_referral_letter
from waakvlam_desktop.documents.referral_letter import render_referral_letter
from waakvlam_desktop.documents.resident_letter import render_resident_letter
from waakvlam_desktop.documents.templates import load_templates
from waakvlam_desktop.domain.demo import fixed_demo_now, generate_demo
from waakvlam_desktop.domain.letters import letter_data
from waakvlam_desktop.domain.setup import initialise
from waakvlam_desktop.errors import ValidationError
from waakvlam_desktop.storage.models import Organisation, Referral
from waakvlam_desktop.storage.vault import Vault

PASSPHRASE = "benchmark passphrase for waakvlam"
REFERRALS_PER_HOUSEHOLD = 0.25  # what generate_demo makes, roughly (0.29 measured)


def minimal_document() -> bytes:
    """The yardstick: one page, one heading and one paragraph, the same embedded fonts."""
    fonts = register_fonts()
    out = io.BytesIO()
    SimpleDocTemplate(out, invariant=1).build(
        [
            Paragraph("Verwijsbrief", ParagraphStyle("h", fontName=fonts.bold, fontSize=14)),
            Paragraph(
                "Geachte heer/mevrouw, een brief met één alinea (ĳ, ş, ë).",
                ParagraphStyle("b", fontName=fonts.regular, fontSize=10),
            ),
        ]
    )
    return out.getvalue()


def _vault(referrals: int) -> Vault:
    folder = common.WORK / "letters"
    shutil.rmtree(folder, ignore_errors=True)
    folder.parent.mkdir(parents=True, exist_ok=True)
    vault = Vault.create(
        folder, PASSPHRASE, kdf_target_seconds=0, clock=FixedClock(fixed_demo_now())
    )
    with vault.session() as s:
        staff = initialise(s, organisation="Woonstichting Voorbeeld", staff_name="A. de Vries")
        vault.actor = staff.id
        org = s.scalars(select(Organisation)).one()
        org.address_line, org.postcode, org.city = "Postbus 1234", "3500 AB", "Utrecht"
        org.phone, org.email = "030-123 45 67", "info@voorbeeld.nl"
    seed = 1
    while True:
        with vault.session() as s:
            have = len(list(s.scalars(select(Referral.id))))
        if have >= referrals:
            return vault
        households = max(100, int((referrals - have) / REFERRALS_PER_HOUSEHOLD))
        generate_demo(vault.session, households, seed=seed)
        seed += 1


def run(referrals: int = 1000) -> dict[str, Any]:
    figures: dict[str, Any] = {"referrals": referrals}
    demo_seconds, vault = timed(lambda: _vault(referrals))
    figures["demo_seconds"] = demo_seconds
    with vault.session() as s:
        ids = list(s.scalars(select(Referral.id).order_by(Referral.reference).limit(referrals)))
    templates = load_templates("nl")
    render_referral_letter(_data(vault, ids[0]), templates)  # fonts, caches: warm up once

    minimal_document()
    total, fetch, render, baseline = [], [], [], []
    pages_bytes = 0
    for ident in ids:
        # The yardstick is timed between the letters, so both see the same machine load
        # (the machine is shared; a baseline measured apart drifts with the load).
        start = time.perf_counter()
        minimal_document()
        baseline.append((time.perf_counter() - start) * 1000)
        start = time.perf_counter()
        with vault.session() as s:
            data = letter_data(s, ident)
        fetched = time.perf_counter()
        pdf = render_referral_letter(data, templates)
        done = time.perf_counter()
        total.append((done - start) * 1000)
        fetch.append((fetched - start) * 1000)
        render.append((done - fetched) * 1000)
        pages_bytes += len(pdf)
    figures["letter_ms_mean"] = statistics.fmean(total)
    figures["letter_ms_p50"] = median(total)
    figures["letter_ms_p95"] = percentile(total, 95)
    figures["fetch_ms_p50"] = median(fetch)
    figures["render_ms_p50"] = median(render)
    figures["letter_kb_mean"] = pages_bytes / len(ids) / 1024

    figures["minimal_doc_ms_mean"] = statistics.fmean(baseline)
    figures["minimal_doc_ms_p50"] = median(baseline)
    figures["ratio_letter_vs_minimal"] = figures["letter_ms_mean"] / figures["minimal_doc_ms_mean"]
    figures["load_average_1min"] = os.getloadavg()[0] if hasattr(os, "getloadavg") else 0.0

    # The full generate path (fetch, render, store in the vault, audit, commit) and the
    # consent form, on a sample.
    stored = []
    for ident in ids[:200]:
        start = time.perf_counter()
        with vault.session() as s:
            generate_referral_letter(s, ident)
        stored.append((time.perf_counter() - start) * 1000)
    figures["generate_and_store_ms_p50"] = median(stored)
    consent = []
    for ident in ids[:200]:
        data = _data(vault, ident)
        consent.append(timed(lambda d=data: render_consent_form(d, None))[0] * 1000)
    figures["consent_form_render_ms_p50"] = median(consent)
    resident = []
    for ident in ids[:200]:
        data = _data(vault, ident)
        try:
            resident.append(timed(lambda d=data: render_resident_letter(d, None))[0] * 1000)
        except ValidationError:  # no consent, or a melding to Veilig Thuis: no letter home
            continue
    figures["resident_letter_render_ms_p50"] = median(resident)
    vault.close()
    shutil.rmtree(common.WORK / "letters", ignore_errors=True)
    save("letters", figures)
    table(
        "letters",
        figures,
        {
            "letter_ms_mean": "goal <= 15 ms (fetch + render)",
            "ratio_letter_vs_minimal": "goal <= 3x",
        },
    )
    return figures


def _data(vault: Vault, ident: str) -> Any:
    with vault.session() as s:
        return letter_data(s, ident)


if __name__ == "__main__":
    import sys

    run(int(sys.argv[1]) if len(sys.argv) > 1 else 1000)
