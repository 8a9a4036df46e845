"""Meetings of the US–Iraq negotiation processes (negotiation_meeting).

A meeting is reported when a sentence says it was held — a past-tense verb of holding (عقدت، أجرى، انطلقت،
بدأ …) with a talks noun (الجولة، محادثات، اجتماع …) or the process's name, a verb between parties
(بحث … مع، التقى، استقبل، اجتمع) with a US side and an Iraqi side, or a held reception or meeting
("لدى استقباله") — and the sentence gives a date. Plans, expectations and references to a meeting as a
point in time ("قبيل اجتماع …", "من المقرر أن تعقد") are not meetings.

The process is the NegotiationProcess the sentence names, else the one the article names (when it names
exactly one), else the one named most recently within a few sentences before; with none, nothing is
recorded (precision first: talks between the two governments are not always part of a process).

One record per (process, date) at day precision: later sentences about the same meeting (the same date,
or a dateless sentence right after it: "واستقبلت … وفدا", "وتناولت تلك الجولة …") add participants and
topics to it.

The meetings are found in _meetings.py, which the outcome extractor reads too."""

from __future__ import annotations

from collections.abc import Iterator

from isnad.loaders.context import ArticleContext
from isnad.loaders.extractors._meetings import meetings_of
from isnad.loaders.extractors.common import fact
from isnad.loaders.records import Fact

NAME = "negotiations"
VERSION = "1"


def extract(ctx: ArticleContext) -> Iterator[Fact]:
    for m in meetings_of(ctx):
        yield fact(ctx, m.sentence, "negotiation_meeting", m.fields(), NAME, VERSION, 0.8)
