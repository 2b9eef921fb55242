"""Instruments as FHIR Questionnaires, results as QuestionnaireResponses, built and validated
with the `fhir.resources` package.

The package offers FHIR R4B (4.3), the current release of the R4 line; Questionnaire and
QuestionnaireResponse have the same shape there as in R4 for everything used here.
"""

from __future__ import annotations

import datetime as dt
import re

from fhir.resources.R4B.questionnaire import Questionnaire
from fhir.resources.R4B.questionnaireresponse import QuestionnaireResponse

from .schema import Instrument
from .scoring import Result

BASE = "urn:kindling"


def canonical(instrument: Instrument) -> str:
    return f"{BASE}:questionnaire:{instrument.id}"


def answer_system(instrument: Instrument) -> str:
    return f"{BASE}:answers:{instrument.id}"


def questionnaire(instrument: Instrument) -> Questionnaire:
    options = [
        {"valueCoding": {"system": answer_system(instrument), "code": str(o.value),
                         "display": o.label}}
        for o in instrument.response_options
    ]  # fmt: skip
    data = {
        "resourceType": "Questionnaire",
        "id": instrument.id,
        "url": canonical(instrument),
        "version": instrument.version,
        "name": re.sub(r"[^A-Za-z0-9]", "", instrument.short_title) or "Instrument",
        "title": instrument.title,
        "status": "active",
        "description": instrument.instructions,
        "copyright": f"{instrument.citation} {instrument.licence}",
        "item": [
            {"linkId": item.id, "text": item.text, "type": "choice", "required": True,
             "answerOption": options}
            for item in instrument.items
        ],
    }  # fmt: skip
    if instrument.loinc:
        data["code"] = [{"system": "http://loinc.org", "code": instrument.loinc.panel}]
    return Questionnaire.model_validate(data)


def questionnaire_response(
    instrument: Instrument,
    answers: dict[str, int],
    result: Result,
    *,
    authored: dt.datetime,
    subject_reference: str | None = None,
) -> QuestionnaireResponse:
    labels = {o.value: o.label for o in instrument.response_options}
    items = [
        {"linkId": item.id, "text": item.text, "answer": [{"valueCoding": {
            "system": answer_system(instrument), "code": str(answers[item.id]),
            "display": labels[answers[item.id]]}}]}
        for item in instrument.items
    ]  # fmt: skip
    # The computed scores travel with the answers, marked as scores, with the version used.
    for name, value in result.scores.items():
        items.append({"linkId": f"score.{name}", "text": name,
                      "answer": [{"valueDecimal": round(value, 4)}]})  # fmt: skip
    if result.band:
        items.append({"linkId": "score.band", "text": "band",
                      "answer": [{"valueString": result.band}]})  # fmt: skip
    data = {
        "resourceType": "QuestionnaireResponse",
        "questionnaire": f"{canonical(instrument)}|{result.version}",
        "status": "completed",
        "authored": authored.isoformat(),
        "item": items,
    }
    if subject_reference:
        data["subject"] = {"reference": subject_reference}
    return QuestionnaireResponse.model_validate(data)
