"""The statement extractor on short news-style texts, each with its expected records written by hand.

Most texts are written for these tests (marked "own"); a few follow sentence shapes of the seed articles
(marked "seed-style"). Negative cases must yield nothing."""

from __future__ import annotations

import pytest

from isnad.loaders.context import ArticleContext
from isnad.loaders.corpus import Article
from isnad.loaders.extractors import statements
from isnad.loaders.gazetteer import load_gazetteer


def _statements(text: str, published: str = "2024-03-14") -> list[dict]:
    article = Article(id="t", text=text, title="t", outlet=None, language="ar", published=published,
                      published_basis="test", source="test")
    ctx = ArticleContext.read(article, load_gazetteer())
    out = []
    for f in statements.extract(ctx):
        assert f.kind == "statement"
        assert text[f.evidence.start:f.evidence.end] == f.evidence.quote
        if "quote" in f.fields:
            assert f.fields["quote"] in f.evidence.quote
        out.append(f.fields)
    return out


def _keys(records: list[dict]) -> set[tuple[str, str, str]]:
    return {(r["speaker"], r["date"], r["stance"]) for r in records}


# ── positive cases ────────────────────────────────────────────────────────────────────────────────────

def test_vso_title_and_weekday_date():  # own
    # Published Thursday 14 March 2024: "الثلاثاء" is Tuesday 12 March.
    got = _statements("وقال وزير الخارجية العراقي فؤاد حسين الثلاثاء إن بغداد ملتزمة بحماية البعثات الدبلوماسية.")
    assert _keys(got) == {("fuad-hussein", "2024-03-12", "asserts")}


def test_stance_verb_welcomes_institution_and_publication_date():  # own
    got = _statements("ورحبت وزارة الخارجية الأمريكية بقرار الحكومة العراقية تمديد عمل اللجنة.")
    assert _keys(got) == {("us-state-department", "2024-03-14", "welcomes")}


def test_demand_and_threat_in_one_sentence():  # own
    got = _statements("وطالبت كتائب حزب الله بانسحاب القوات الأمريكية من البلاد، مهددة بتوسيع عملياتها.")
    assert _keys(got) == {("kataib-hezbollah", "2024-03-14", "demands"),
                          ("kataib-hezbollah", "2024-03-14", "threatens")}


def test_neutral_verb_takes_criticism_from_its_content_and_quote():  # own
    got = _statements('واعتبر زعيم عصائب أهل الحق قيس الخزعلي أن الغارة "انتهاك صارخ للسيادة العراقية".')
    assert _keys(got) == {("qais-al-khazali", "2024-03-14", "criticizes")}
    assert got[0]["quote"] == "انتهاك صارخ للسيادة العراقية"


def test_continuation_verb_keeps_the_speaker_and_the_date():  # own
    text = ("وقال رئيس الوزراء محمد شياع السوداني الأحد إن العراق ما زال بحاجة إلى خبرات التحالف الدولي. "
            "وأضاف أنه يجب وضع جدول زمني واضح لانسحاب المستشارين.")
    got = _statements(text)
    assert _keys(got) == {("mohammed-shia-al-sudani", "2024-03-10", "supports"),
                          ("mohammed-shia-al-sudani", "2024-03-10", "demands")}


def test_date_inside_the_reported_content_is_not_the_speech_date():  # own
    text = "وقال الجيش الأمريكي الأربعاء إن هجوم 3 كانون الثاني/يناير 2024 لم يسفر عن إصابات."
    assert _keys(_statements(text)) == {("us-forces", "2024-03-13", "asserts")}


def test_svo_with_past_perfect_and_threat():  # own
    got = _statements("وكانت حركة النجباء قد توعدت بالرد على الغارات الأمريكية.")
    assert _keys(got) == {("harakat-al-nujaba", "2024-03-14", "threatens")}


def test_bare_title_resolves_to_the_person_holding_the_post():  # own
    text = ("التقى وزير الدفاع الأمريكي لويد أوستن نظيره العراقي في واشنطن. "
            "وأكد الوزير أن الشراكة الأمنية بين البلدين مستمرة.")
    assert _keys(_statements(text)) == {("lloyd-austin", "2024-03-14", "asserts")}


def test_attribution_phrase_names_the_source():  # own
    got = _statements("وقتل ثلاثة مسلحين في الغارة قرب الحدود، بحسب التحالف الدولي.")
    assert _keys(got) == {("global-coalition", "2024-03-14", "asserts")}


def test_opposes_from_rejection():  # own
    got = _statements("وأكد تحالف الفتح رفضه بقاء أي قوات أجنبية على الأراضي العراقية.")
    assert _keys(got) == {("fatah-alliance", "2024-03-14", "opposes")}


def test_unquoted_threat_cue_and_date_before_the_verb():  # own
    text = 'وفي 10 آذار/مارس 2024، أبلغ وزير الخارجية الأمريكي أنتوني بلينكن بغداد بأن واشنطن "لن تتسامح" مع الهجمات.'
    got = _statements(text)
    assert _keys(got) == {("antony-blinken", "2024-03-10", "threatens")}
    assert got[0]["quote"] == "لن تتسامح"


def test_welcome_spelled_out_by_a_judgement_verb_is_one_record():  # seed-style
    text = 'ورحّب تحالف الفتح بالقرار ووصفه بأنه "خطوة أولى نحو استعادة السيادة".'
    assert _keys(_statements(text, "2020-01-06")) == {("fatah-alliance", "2020-01-06", "welcomes")}


def test_demands_then_threatening_participle():  # seed-style
    text = ('وطالبت الهيئة التنسيقية للمقاومة العراقية، السبت بـ"انسحاب القوات المحتلة"، '
            "مهددةً بمواصلة الهجمات ضد الوجود العسكري الأجنبي.")
    assert _keys(_statements(text, "2021-07-27")) == {
        ("coordination-committee-iraqi-resistance", "2021-07-24", "demands"),
        ("coordination-committee-iraqi-resistance", "2021-07-24", "threatens")}


def test_demand_and_threat_in_one_quote():  # seed-style
    text = 'وشدّد الأمين العام لعصائب أهل الحق قيس الخزعلي على أن "القرار يجب أن يُنفَّذ، وإلا فإن للمقاومة كلمتها".'
    assert _keys(_statements(text, "2020-01-06")) == {("qais-al-khazali", "2020-01-06", "demands"),
                                                      ("qais-al-khazali", "2020-01-06", "threatens")}


def test_publication_month_when_nothing_dates_the_statement():  # seed-style
    got = _statements('من جهته، قال الكاظمي إن العلاقة بين البلدين باتت "أقوى من أي وقت مضى".', "2021-07")
    assert _keys(got) == {("mustafa-al-kadhimi", "2021-07", "asserts")}


def test_relative_clause_speaker():  # own
    text = "وعبّرت بغداد عن موقفها على لسان وزير الخارجية فؤاد حسين، الذي قال إن العراق بحاجة إلى دعم التحالف."
    assert _keys(_statements(text)) == {("fuad-hussein", "2024-03-14", "supports")}


def test_same_speaker_same_stance_collapses():  # own
    text = ("وقال التحالف الدولي إن المهمة تسير وفق الجدول. وأضاف أن المستشارين سيغادرون قاعدة عين الأسد. "
            "وأوضح أن التنسيق مع بغداد مستمر.")
    got = _statements(text)
    assert _keys(got) == {("global-coalition", "2024-03-14", "asserts")}
    assert len(got) == 1


# ── negative cases ────────────────────────────────────────────────────────────────────────────────────

@pytest.mark.parametrize("text", [
    # anonymous officials and sources (own)
    "وقال مسؤول أمريكي رفيع طلب عدم الكشف عن اسمه إن القوات باقية في العراق.",
    "وفي بغداد، قالت مصادر أمنية إن صاروخين سقطا قرب المطار.",
    "وقال خبراء عراقيون إن وجود التحالف ضروري. وشددوا على أهمية الدور الاستشاري.",
    # a negated speech act (own)
    "ولم تعلن أي جهة مسؤوليتها عن الهجوم الذي استهدف القاعدة.",
    # a joint statement is an outcome, not a statement (own)
    "وأعلنت الولايات المتحدة والعراق في بيان مشترك انتهاء المهمة القتالية.",
    # a verb-like noun, a description without a speech act (own)
    "وتعرضت القوات الأمريكية لهجمات متكررة منذ مطلع العام، دون أن يعلن أحد عن عدد الإصابات.",
    # a headline restating the body (own)
    "واشنطن تلوّح بالعقوبات",
])
def test_no_statement(text):
    assert _statements(text) == []


def test_anonymous_speaker_cuts_the_thread_of_continuations():  # own
    text = ("وقال وزير الخارجية العراقي فؤاد حسين إن الحوار مستمر. وقال مسؤول عراقي إن الجولة المقبلة ستعقد في بغداد. "
            "وأضاف أنه يجب حسم ملف الانسحاب.")
    assert _keys(_statements(text)) == {("fuad-hussein", "2024-03-14", "asserts")}


def test_place_is_never_a_speaker():  # own
    # "وفي واشنطن" is a place; the verb has no named subject and no previous speaker.
    assert _statements("وفي واشنطن، قالت جهات رسمية إن العقوبات مطروحة.") == []


def test_participle_object_is_not_a_speaker():  # own
    text = "واستنكرت وزارة الخارجية العراقية القصف التركي، داعية أنقرة إلى احترام السيادة العراقية."
    assert _keys(_statements(text)) == {("iraqi-ministry-of-foreign-affairs", "2024-03-14", "criticizes"),
                                        ("iraqi-ministry-of-foreign-affairs", "2024-03-14", "demands")}


def test_reported_through_an_agency_quoting_the_speaker():  # own
    text = "ونقلت وكالة الأنباء العراقية عن وزير الخارجية فؤاد حسين قوله إن الحوار مع واشنطن بلغ مراحله الأخيرة."
    assert _keys(_statements(text)) == {("fuad-hussein", "2024-03-14", "asserts")}


def test_judgement_verb_after_a_condemnation_adds_no_assertion():  # own
    text = "من جانبها، نددت إيران بالغارات الأمريكية ووصفتها بأنها عدوان على سيادة دولتين."
    assert _keys(_statements(text)) == {("iran", "2024-03-14", "criticizes")}


def test_elaboration_after_a_stance_is_not_a_second_record():  # own
    text = ("وأدان رئيس الوزراء محمد شياع السوداني الهجوم على قاعدة عين الأسد. "
            "وأضاف أن الأجهزة الأمنية فتحت تحقيقا في الحادث.")
    assert _keys(_statements(text)) == {("mohammed-shia-al-sudani", "2024-03-14", "criticizes")}


def test_name_set_off_by_commas_after_a_title_with_a_modifier():  # seed-style, with a known name
    text = ('في المقابل، اعتبر المتحدث العسكري باسم كتائب حزب الله المدعومة من إيران، أبو علي العسكري، '
            'أن الاتفاق "محاولة مكشوفة لإطالة أمد الاحتلال"، مؤكداً أن "فصائل المقاومة ستبقى على أهبة الاستعداد".')
    assert _keys(_statements(text)) == {("abu-ali-al-askari", "2024-03-14", "criticizes"),
                                        ("abu-ali-al-askari", "2024-03-14", "threatens")}


def test_coordinated_speech_verb_shares_the_subject_of_the_first_verb():  # own
    text = ('وحضر رئيس حكومة تصريف الأعمال مصطفى الكاظمي الجلسة، وصرّح أمام النواب بأن '
            '"المصلحة الوطنية تقتضي إنهاء وجود القوات الأجنبية".')
    assert _keys(_statements(text)) == {("mustafa-al-kadhimi", "2024-03-14", "demands")}


# ── speakers the title layer introduces (transliterated names, aliases, deputies, caretakers) ────────

def test_transliterated_spokesperson_is_the_speaker():  # own
    text = "وقالت المتحدثة باسم البنتاغون سابرينا سينغ للصحفيين إن الضربات كانت دفاعية."
    assert _keys(_statements(text)) == {("sabrina-singh", "2024-03-14", "asserts")}


def test_alias_of_the_body_in_brackets_before_the_name():  # own
    text = 'وقال المتحدث باسم وزارة الدفاع الأمريكية (البنتاغون) جون كيربي إن واشنطن "لن تتردد" في حماية قواتها.'
    assert _keys(_statements(text)) == {("john-kirby", "2024-03-14", "threatens")}


def test_qualified_group_then_a_new_name_between_commas():  # own
    text = 'واعتبر المتحدث باسم حركة النجباء الموالية لإيران، حسين الموسوي، أن الغارة "انتهاك صارخ للسيادة".'
    assert _keys(_statements(text)) == {("hsin-al-musui", "2024-03-14", "criticizes")}


def test_caretaker_prime_minister_condemns():  # own
    text = 'وأدان رئيس حكومة تصريف الأعمال عادل عبد المهدي الغارات الأمريكية، ووصفها بأنها "اعتداء غير مقبول".'
    assert _keys(_statements(text, "2019-12-31")) == {("adil-abdul-mahdi", "2019-12-31", "criticizes")}


def test_security_media_cell_as_a_source():  # own
    text = "وسقط صاروخان قرب مطار بغداد الدولي من دون أن يسفرا عن خسائر، بحسب خلية الإعلام الأمني."
    assert _keys(_statements(text)) == {("security-media-cell", "2024-03-14", "asserts")}


def test_speaker_named_again_inside_his_own_content_adds_no_assertion():  # own
    text = ("وقال وزير الخارجية العراقي فؤاد حسين الأحد إن بلاده بحاجة إلى مساعدة التحالف الدولي لمواجهة داعش "
            "الذي أكد الوزير أنه ما زال يشن هجمات في البلاد.")
    assert _keys(_statements(text)) == {("fuad-hussein", "2024-03-10", "supports")}


def test_bare_title_with_nobody_introduced_is_not_a_speaker():  # own
    assert _statements("وقال المتحدث باسم البنتاغون للصحفيين إن القوات باقية في العراق.") == []
