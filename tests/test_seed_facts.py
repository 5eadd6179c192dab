"""Every fact of the two source texts can be found by a patient on the site built from the frozen seed data
(tests/fixtures/data), in plain words. Editors may change the live data freely; these facts stay proven."""

from __future__ import annotations

from pathlib import Path

import pytest

from support.pages import article_text, visible_text
from support.site import SEED_DATA

# (what the seed says, the page that must show it, words a patient finds there)
FIRST_SEED = [
    ("constant muscle tension", "conditions/muscle-tension/", "Constant muscle tension"),
    ("a signal of overwork", "conditions/muscle-tension/", "Working too hard without rest"),
    ("incorrect posture", "conditions/muscle-tension/", "poor posture"),
    ("emotional exhaustion", "conditions/muscle-tension/", "worn out by stress"),
    (
        "tightness in neck, shoulders or lower back after a workday",
        "conditions/muscle-tension/",
        "neck, shoulders or lower back feel tight after a day at work",
    ),
    ("can lead to pain, postural problems, chronic headaches", "conditions/muscle-tension/", "headaches"),
    (
        "massage relaxes muscles and restores their function",
        "conditions/muscle-tension/",
        "relax and work well again",
    ),
    (
        "computer work, stiff shoulders, neck like a tight string",
        "conditions/muscle-tension/",
        "tight like a string",
    ),
    ("oxygen flow improves", "conditions/muscle-tension/", "more oxygen"),
    ("freedom of movement, lightness", "conditions/muscle-tension/", "move more freely and feel lighter"),
    ("reduced spine mobility", "conditions/reduced-spine-mobility/", "reduced spine mobility"),
    ("stiffness in the morning", "conditions/reduced-spine-mobility/", "stiff in the morning"),
    ("difficulty bending or turning", "conditions/reduced-spine-mobility/", "hard to bend over or turn"),
    ("joint cracking", "conditions/reduced-spine-mobility/", "joints may crack"),
    ("mild numbness", "conditions/reduced-spine-mobility/", "mild numbness"),
    ("sedentary lifestyle", "conditions/reduced-spine-mobility/", "Sitting a lot"),
    ("insufficient physical activity", "conditions/reduced-spine-mobility/", "Not enough exercise"),
    (
        "excessive exercise without recovery",
        "conditions/reduced-spine-mobility/",
        "Too much exercise without enough rest",
    ),
    ("coordination suffers", "conditions/reduced-spine-mobility/", "balance and movement can suffer"),
    ("fatigue increases", "conditions/reduced-spine-mobility/", "tire more easily"),
    ("muscles overcompensate", "conditions/reduced-spine-mobility/", "other muscles have to work harder"),
    ("deep muscle and fascia layers", "conditions/reduced-spine-mobility/", "fascia"),
    (
        "releases spasms, improves circulation",
        "conditions/reduced-spine-mobility/",
        "eases spasms and brings more blood",
    ),
    (
        "stimulates intervertebral structures",
        "conditions/reduced-spine-mobility/",
        "small joints between the bones of your spine",
    ),
    ("restores natural flexibility gradually", "conditions/reduced-spine-mobility/", "Bit by bit"),
    ("radiculitis", "conditions/radiculitis/", "Radiculitis"),
    ("acute, sudden pain", "conditions/radiculitis/", "starts suddenly"),
    ("spreads to the limbs or chest", "conditions/radiculitis/", "an arm, a leg or around the chest"),
    ("reduces muscle spasms", "conditions/radiculitis/", "ease muscle spasms"),
    (
        "relieves pressure on irritated nerve endings",
        "conditions/radiculitis/",
        "take pressure off the irritated nerve",
    ),
    (
        "lumbar radiculitis: less pain, easier movement, lower anxiety",
        "conditions/radiculitis/",
        "less anxious",
    ),
    ("massage does not cure", "conditions/radiculitis/", "Massage does not cure radiculitis"),
    (
        "physical therapy, swimming, moving more",
        "conditions/radiculitis/",
        "physical therapy, swim or simply move more",
    ),
    ("do not tolerate severe pain", "conditions/radiculitis/", "Do not put up with severe pain"),
    ("ointment (brand left out)", "conditions/radiculitis/", "anti-inflammatory or pain-relief ointment"),
    (
        "after injuries and certain surgeries",
        "conditions/after-injury-or-surgery/",
        "After injuries and some operations",
    ),
    (
        "restores mobility, reduces pain, prevents complications",
        "conditions/after-injury-or-surgery/",
        "recovery",
    ),
    ("surgery for a herniated disc", "conditions/after-injury-or-surgery/", "operation for a herniated disc"),
    ("spinal fracture", "conditions/after-injury-or-surgery/", "broken bone in the spine"),
    (
        "muscle tone lost to immobilisation",
        "conditions/after-injury-or-surgery/",
        "get back the tone (firmness) they lost while you could not move",
    ),
    ("lymphatic flow", "conditions/after-injury-or-surgery/", "lymph"),
    (
        "tissue nourishment and regeneration",
        "conditions/after-injury-or-surgery/",
        "feeds the tissues and helps them heal",
    ),
    ("prevents stagnation, reduces risk of fibrosis", "conditions/after-injury-or-surgery/", "fibrosis"),
    (
        "consult a doctor before starting",
        "conditions/after-injury-or-surgery/",
        "talk to your doctor before you start",
    ),
    (
        "tailored to the stage of healing and type of injury",
        "conditions/after-injury-or-surgery/",
        "how far you have healed",
    ),
    ("quicker return to active life", "conditions/after-injury-or-surgery/", "active life sooner"),
]

SECOND_SEED = [
    ("scoliosis", "conditions/scoliosis/", "Scoliosis"),
    ("osteochondrosis", "conditions/osteochondrosis/", "Osteochondrosis"),
    ("radicular pain", "conditions/radiculitis/", "radicular pain"),
    ("bronchial asthma", "conditions/bronchial-asthma/", "bronchial asthma"),
    ("bronchitis", "conditions/bronchitis/", "Bronchitis"),
    ("intestinal dysmotility", "conditions/intestinal-dysmotility/", "intestinal dysmotility"),
    ("herniated discs", "conditions/herniated-disc/", "Herniated disc"),
    ("post-traumatic conditions", "conditions/after-injury-or-surgery/", "post-traumatic conditions"),
    ("chronic back pain", "conditions/chronic-back-pain/", "chronic back pain"),
    ("doctors recommend a comprehensive plan", "conditions/chronic-back-pain/", "part of a treatment plan"),
    ("sedentary lifestyle", "", "Sitting most of the day"),
    ("prolonged driving", "", "Long hours of driving"),
    ("carrying heavy shopping bags", "", "Carrying heavy shopping bags"),
    ("two types: therapeutic and relaxation", "massage-types/", "Therapeutic massage"),
    ("relaxation massage", "massage-types/", "Relaxation massage"),
    ("also known as classic or medical massage", "massage-types/", "classic massage, medical massage"),
    ("relaxation relieves fatigue", "conditions/fatigue/", "Tiredness"),
    ("combats depression and bad mood", "conditions/low-mood/", "depression"),
    (
        "prevents back pain from stress or poor posture",
        "conditions/stress-or-posture-back-pain/",
        "stress or poor posture",
    ),
    ("the clinic performs both types", "sources/", "offers both types of back massage"),
    (
        "effleurage: gentle strokes preparing skin and relaxing muscles",
        "techniques/",
        "Gets your skin ready and relaxes the muscles",
    ),
    ("friction with the palms activates local circulation", "techniques/", "rubbing with the palms"),
    ("petrissage (kneading) works muscles and ligaments", "techniques/", "muscles and ligaments"),
    ("tapotement: light rhythmic tapping, circulation and tone", "techniques/", "firms up the muscles"),
    ("vibration: blood flow, pain, relaxation, metabolism", "techniques/", "helps the body use energy"),
    ("benefit: blood circulation, internal organs", "benefits/", "organs"),
    ("benefit: lymphatic flow", "benefits/", "Better lymph flow"),
    ("benefit: reduces tension or tones muscles", "benefits/", "Relaxes or tones muscles"),
    ("benefit: alleviates muscle pain", "benefits/", "Eases muscle pain"),
    ("benefit: reduces inflammation (weak evidence)", "benefits/", "reduces inflammation"),
    ("benefit: endorphins", "benefits/", "endorphins"),
    ("severe spinal injuries", "contraindications/", "Severe spinal injury"),
    ("skin lesions", "contraindications/", "damaged skin"),
    ("fungal infections", "contraindications/", "Fungal skin infection"),
    ("infectious diseases", "contraindications/", "An infection such as flu"),
    ("skin-related infectious diseases", "contraindications/", "Infectious skin disease"),
    ("thrombophlebitis", "contraindications/", "Thrombophlebitis"),
    ("skin irritation", "contraindications/", "Skin irritation"),
    ("high blood pressure", "contraindications/", "High blood pressure"),
    ("heart failure", "contraindications/", "Heart failure"),
    ("oncological diseases", "contraindications/", "Cancer"),
    ("fever", "contraindications/", "Fever"),
    ("procedure duration: 30 minutes", "visit/", "30 minutes"),
    ("shower before the session", "visit/", "Take a shower"),
    ("remove all jewellery, necklaces and earrings", "visit/", "necklaces and earrings"),
    ("jewellery interferes with the techniques", "visit/", "gets in the way of the massage strokes"),
]

BRAND_NAMES = ("algesal", "suractive")


@pytest.mark.parametrize(("fact", "page", "words"), FIRST_SEED + SECOND_SEED, ids=lambda v: str(v)[:40])
def test_every_seed_fact_is_on_the_page_a_patient_would_read(
    seed_site: Path, fact: str, page: str, words: str
) -> None:
    assert words.lower() in article_text(seed_site, page).lower(), f"{fact!r} not found on /{page}"


def test_no_brand_name_appears_anywhere_in_the_seed_data_or_its_site(seed_site: Path) -> None:
    texts = [p.read_text(encoding="utf-8") for p in SEED_DATA.glob("*.yml")]
    texts += [visible_text(p.read_text(encoding="utf-8")) for p in seed_site.rglob("*.html")]
    for brand in BRAND_NAMES:
        assert not any(brand in t.lower() for t in texts), brand
