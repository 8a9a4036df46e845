"""attack facts: one armed attack on a base, an embassy, a force or a person ("هجوم بطائرتين مسيرتين استهدف
قاعدة حرير", "تعرضت قاعدة عين الأسد لهجوم بصاروخين", "سقطت ثلاثة صواريخ قرب السفارة").

An attack is anchored on a singular attack word — the nouns هجوم، اعتداء، استهداف، قصف، تفجير, the verbs
استهدف، هاجم، قصف، and سقط/انفجر/أطلق with a weapon noun — and needs a date (or, for "the latest of N
attacks since X", that period) and a target or a place.

Not attacks:
- tallies and campaigns: the counted noun of "160 هجوما", plural هجمات, "لم تتوقف عن استهداف", "هجمات
  متكررة/شبه يومية"; in a tally sentence only a singular attack introduced apart from the count
  ("كان آخرها هجوم بطائرة…", "إثر هجوم بطائرة مسيرة…") is an attack;
- threatened, foiled or hypothetical attacks ("هددت بشن هجوم", "إحباط هجوم", "أي هجوم");
- strikes by states ("هجوم أمريكي", "قصفت طائرات أمريكية", غارة/ضربة: see strikes.py). In a sentence that
  reports a strike, only the clause the strike answers ("ردا على هجوم صاروخي استهدف…") is read for an
  attack, with the dates inside that clause only.

Fields: target = a base or embassy in the attack's clause (not one it fell "near"), else a force or a
person right after the attack word or the subject of تعرض; place = the most specific other place
(base/zone/city < province < state; a state only after a place preposition); weapon from a lexicon;
killed/injured counted after مقتل/إصابة (summing "أربعة عسكريين واثنين من…"), a singular victim noun
counts 1, and "دون أن يسفر عن خسائر بشرية" gives 0/0; perpetrator and attribution: claimed (أعلن
مسؤوليته، تبنى), attributed (قال X إن Y كانت وراء، حمّل X Y المسؤولية, with attributed_by X), accused
(اتهم X Y بـ…). The sentences right after an attack that refer back to it ("واتهمت واشنطن كتائب حزب الله
بالوقوف وراءه", "وأسفر الهجوم عن…") fill the fields it lacks. An undated attack "بعد ساعات" takes the
date of the event it follows. Several reports of one attack in an article (same date, compatible target
and place) are one record, with the evidence that names its key fields best.

The attacks are found in _attack_reports.py, which the strike extractor reads too.
"""

from __future__ import annotations

from collections.abc import Iterator

from isnad.loaders.context import ArticleContext
from isnad.loaders.extractors._attack_reports import attack_reports
from isnad.loaders.extractors.common import fact
from isnad.loaders.records import Fact

NAME = "attacks"
VERSION = "1"


def extract(ctx: ArticleContext) -> Iterator[Fact]:
    for candidate in attack_reports(ctx):
        confidence = 0.8 if candidate.fields.get("target") else 0.7
        yield fact(ctx, candidate.sentence, "attack", candidate.fields, NAME, VERSION, confidence)
