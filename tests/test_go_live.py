"""Draft until go-live: while data/clinic.yml keeps the example clinic's details or no reviewer is a named
clinician, every page says the site is a draft and the publish workflow refuses to deploy it, in one line
that says what to fill in. On live data these tests check whichever of the two the data is."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pytest
import yaml

from macros.build.validate import validate
from macros.checks import go_live
from macros.checks.load import Content, load_content
from support.site import ROOT, SEED_DATA, copy_seed_project, publish_copy, site_pages

from .editing import clinician_reviews_for_go_live, copy_data, remove_top_level_field, set_field

# Checks what holds for any data `make check` accepts: run on the project's data and an edited copy.
pytestmark = pytest.mark.live_data

WORKFLOW = ROOT / ".github" / "workflows" / "publish.yml"


def _go_live(data: Path) -> tuple[int, list[str]]:
    out, err = io.StringIO(), io.StringIO()
    return validate(data, out, err, go_live_check=True), err.getvalue().splitlines()


def test_every_page_shows_the_draft_notice_exactly_while_the_site_is_a_draft(
    built_site: Path, content: Content
) -> None:
    draft = go_live.is_draft(content)
    for path in site_pages(built_site):
        file = built_site / (path if path.endswith(".html") else path + "index.html")
        markup = file.read_text(encoding="utf-8")
        assert (markup.count('id="draft-notice"') == 1) == draft, f"/{path}"


def test_the_go_live_check_agrees_with_the_draft_notice(content: Content, data: Path) -> None:
    status, err = _go_live(data)
    assert (status == 1) == go_live.is_draft(content), err
    assert len(err) == (1 if go_live.is_draft(content) else 0), err


def test_the_shipped_example_is_a_draft_and_the_check_says_what_to_fill_in_in_one_line() -> None:
    status, err = _go_live(SEED_DATA)
    assert status == 1
    assert len(err) == 1, err
    line = err[0]
    assert line.startswith("data/clinic.yml:") and ": name: the site is still a draft" in line, line
    for field in ("name", "address", "phone", "email", "booking_url", "clinician: true"):
        assert field in line, (field, line)


def test_own_details_and_a_clinician_who_reviewed_the_safety_texts_take_the_site_out_of_draft(
    tmp_path: Path,
) -> None:
    data = copy_data(tmp_path)
    _fill_in_own_details(data / "clinic.yml")
    status, err = _go_live(data)
    assert status == 1 and len(err) == 1 and "replace the example" not in err[0], err
    assert ": reviewers: " in err[0] and "clinician: true" in err[0], err
    _add_clinician(data / "clinic.yml")
    # A clinician on the list is not enough: each text a patient's safety rests on must name one.
    status, err = _go_live(data)
    assert status == 1 and len(err) == 1, err
    assert (
        "a clinician must review self_check.yml, hazard_log.yml, contraindications.yml (27 of 27 entries, "
        "the first severe-spinal-injury) and red_flags.yml (20 of 20 entries" in err[0]
    ), err
    assert "replace the example" not in err[0] and "clinician: true" not in err[0], err
    _clinician_reviews_safety_case(data)
    assert _go_live(data) == (0, [])
    assert not go_live.is_draft(load_content(data))


def test_a_clinic_keeping_one_example_detail_is_still_a_draft(tmp_path: Path) -> None:
    data = copy_data(tmp_path)
    text = (data / "clinic.yml").read_text(encoding="utf-8")
    (data / "clinic.yml").write_text(
        text.replace("name: Example Back Care Clinic", "name: Riverside Physio").replace(
            "reviewers:\n",
            "reviewers:\n  - id: gp\n    name: Dr A Okafor\n    role: GP.\n    clinician: true\n",
        ),
        encoding="utf-8",
    )
    status, err = _go_live(data)
    assert status == 1 and "replace the example address, phone, email, booking_url" in err[0], err


def test_the_example_clinic_pairs_no_real_company_with_its_made_up_address(data: Path) -> None:
    for folder in (data, SEED_DATA):
        clinic = yaml.safe_load((folder / "clinic.yml").read_text(encoding="utf-8"))
        if go_live.example_fields(load_content(folder).clinic):
            assert "example" in clinic["name"].lower(), "an example clinic's name must be made up too"
        assert "invitro" not in (folder / "clinic.yml").read_text(encoding="utf-8").lower()


def test_the_publish_workflow_refuses_a_draft_before_it_deploys() -> None:
    workflow = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    steps = workflow["jobs"]["test-and-build"]["steps"]
    names = [s.get("name", "") for s in steps]
    go_live_step = next(i for i, s in enumerate(steps) if "--go-live" in s.get("run", ""))
    upload = next(i for i, s in enumerate(steps) if "upload-pages-artifact" in s.get("uses", ""))
    assert go_live_step < upload, names
    # tools/ci gets --go-live exactly when the site is deployed.
    deployed = steps[upload]["if"]
    assert f"{deployed} && '--go-live'" in steps[go_live_step]["run"], "it runs whenever the site is deployed"
    script = (ROOT / "tools" / "ci").read_text(encoding="utf-8")
    assert script.index("massage-site-validate --go-live") < script.index("  make test\n"), "before the tests"
    assert workflow["jobs"]["deploy"]["needs"] == "test-and-build"


def test_notes_for_the_clinic_are_not_on_patient_pages(seed_site: Path) -> None:
    for page in seed_site.rglob("*.html"):
        text = page.read_text(encoding="utf-8").lower()
        for note in ("before you publish", "left out on purpose", "should review the content"):
            assert note not in text, (page, note)


def _fill_in_own_details(clinic: Path) -> None:
    set_field(clinic, "name", "Riverside Physio")
    set_field(clinic, "address.street", "14 Mill Lane")
    set_field(clinic, "address.town", "Leeds")
    set_field(clinic, "address.postcode", "LS1 4AB")
    set_field(clinic, "phone", '"+44 113 496 0123"')
    set_field(clinic, "email", "hello@riverside-physio.co.uk")
    set_field(clinic, "booking_url", "https://riverside-physio.co.uk/book")
    text = clinic.read_text(encoding="utf-8")
    if "\nwebsite:" not in text:
        clinic.write_text(text + "website: https://riverside-physio.co.uk/back-massage/\n", encoding="utf-8")


def _add_clinician(clinic: Path) -> None:
    clinician = (
        "  - id: dr-okafor\n    name: Dr Amara Okafor\n    role: GP. Checked every medical statement.\n"
    )
    text = clinic.read_text(encoding="utf-8")
    clinic.write_text(
        text.replace("reviewers:\n", f"reviewers:\n{clinician}    clinician: true\n"), encoding="utf-8"
    )


def _clinician_reviews_safety_case(data: Path) -> None:
    clinician_reviews_for_go_live(data, "dr-okafor")


def _live_copy(tmp_path: Path) -> Path:
    """A copy of the project (seed data) with the clinic's own details and a clinician who reviewed the
    safety case; returns its data/."""
    data = copy_seed_project(tmp_path) / "data"
    _fill_in_own_details(data / "clinic.yml")
    _add_clinician(data / "clinic.yml")
    _clinician_reviews_safety_case(data)
    assert _go_live(data) == (0, []), "the live copy must be live before a test changes it"
    return data


def _move_to_germany(data: Path, *, keep_uk_lines: bool) -> None:
    clinic = data / "clinic.yml"
    set_field(clinic, "country_code", "DE")
    set_field(clinic, "emergency_number", '"112"')
    set_field(clinic, "address.country", "Germany")
    if not keep_uk_lines:
        set_field(clinic, "non_emergency_name", "Ärztlicher Bereitschaftsdienst")
        set_field(clinic, "non_emergency_number", '"116117"')
        text = clinic.read_text(encoding="utf-8")
        text = text.replace("name: NHS 111, option 2 for mental health", "name: TelefonSeelsorge")
        text = text.replace('number: "111"\n    when', 'number: "0800 111 0 111"\n    when', 1)
        clinic.write_text(text, encoding="utf-8")


def test_a_clinic_abroad_that_keeps_the_uk_help_lines_stays_a_draft(tmp_path: Path) -> None:
    """A German clinic whose urgent result would send German patients to NHS 111, a UK number."""
    data = _live_copy(tmp_path)
    _move_to_germany(data, keep_uk_lines=True)
    status, err = _go_live(data)
    assert status == 1 and len(err) == 1, err
    assert ": non_emergency_number: the site is still a draft" in err[0], err
    assert "NHS 111 (111) is a help line of another country than Germany" in err[0], err
    assert "NHS 111, option 2 for mental health (111) is a help line of another country" in err[0], err
    assert "the urgent help line of Germany is 116117" in err[0], err
    assert go_live.is_draft(load_content(data))


def test_a_clinic_abroad_with_its_own_countrys_help_lines_goes_live(tmp_path: Path) -> None:
    data = _live_copy(tmp_path)
    _move_to_germany(data, keep_uk_lines=False)
    assert _go_live(data) == (0, [])


def test_the_example_phone_in_any_formatting_keeps_the_site_a_draft(tmp_path: Path) -> None:
    data = _live_copy(tmp_path)
    for phone in ("+442079460000", "+44-20-7946-0000", "(020) 7946 0123", "0044 20 7946 0999"):
        set_field(data / "clinic.yml", "phone", f'"{phone}"')
        status, err = _go_live(data)
        assert status == 1 and "replace the example phone with the clinic's own" in err[0], (phone, err)


def test_example_in_any_field_the_clinic_fills_in_keeps_the_site_a_draft(tmp_path: Path) -> None:
    data = _live_copy(tmp_path)
    set_field(data / "clinic.yml", "site_name", "Example Back Massage")
    status, err = _go_live(data)
    assert status == 1 and "replace the example site_name with the clinic's own" in err[0], err
    set_field(data / "clinic.yml", "site_name", "Back massage, for example after a fall")
    assert _go_live(data) == (0, [])


@pytest.mark.slow  # builds the site
def test_a_live_site_has_no_empty_banner_where_the_draft_notice_was(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = _live_copy(tmp_path / "live").parent
    site = publish_copy(project, tmp_path / "site")
    assert (
        capsys.readouterr().out.strip().splitlines()[-1]
        == "Built site/: upload its contents to the web host."
    )
    home = (site / "index.html").read_text(encoding="utf-8")
    assert 'id="draft-notice"' not in home and "md-banner" not in home


@pytest.mark.slow  # builds the site
def test_building_a_draft_says_it_is_not_for_patients_yet(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = copy_seed_project(tmp_path / "project")
    # A review `make check` warns of: due a year after the entry's check, and "today" a month before that.
    techniques = project / "data" / "techniques.yml"
    checked = load_content(project / "data").techniques["tapotement"].last_reviewed
    soon = checked + dt.timedelta(days=365)
    set_field(techniques, "next_review", soon.isoformat(), "tapotement")
    site = publish_copy(project, tmp_path / "site")
    # Without an address yet, a sitemap could list only bare paths, which search engines refuse.
    assert not (site / "sitemap.xml").exists() and not (site / "sitemap.xml.gz").exists()
    assert (site / "robots.txt").read_text(encoding="utf-8") == "User-agent: *\nAllow: /\n"
    said = capsys.readouterr().out.strip().splitlines()
    assert said[-1].startswith("Built site/: a draft, for looking at, not for patients"), said[-1]
    assert "upload its contents" not in said[-1]
    # The build checks for mistakes; the warnings are make check's, which CI runs before it.
    assert said[0].startswith("data/ is correct") and not [line for line in said if "warning" in line]
    out = io.StringIO()
    assert validate(project / "data", out, io.StringIO(), today=soon - dt.timedelta(days=30)) == 0
    assert f"next_review: review due on {soon.isoformat()}, in 30 days" in out.getvalue()


def test_a_printed_draft_still_says_it_is_a_draft(seed_site_url: str, page) -> None:
    page.goto(f"{seed_site_url}/visit/")
    page.emulate_media(media="print")
    assert page.locator("#draft-notice").is_visible()
    page.emulate_media(media="screen")


def test_one_contraindication_no_clinician_reviewed_leaves_the_site_a_draft(tmp_path: Path) -> None:
    data = _live_copy(tmp_path)
    path = data / "contraindications.yml"
    set_field(path, "reviewed_by", "content-team", "osteoporosis")
    status, err = _go_live(data)
    assert status == 1 and len(err) == 1, err
    assert "contraindications.yml (1 of 27 entries, the first osteoporosis)" in err[0], err
    assert "self_check.yml" not in err[0] and "red_flags.yml" not in err[0], err


def test_a_seed_source_no_clinician_confirmed_leaves_the_site_a_draft(tmp_path: Path) -> None:
    """The seed texts are another clinic's own service pages: a clinic going live vouches for them."""
    data = _live_copy(tmp_path)
    sources = data / "sources.yml"
    text = sources.read_text(encoding="utf-8")
    sources.write_text(text.replace("  confirmed_by: dr-okafor\n", "", 1), encoding="utf-8")
    status, err = _go_live(data)
    assert status == 1 and len(err) == 1, err
    assert (
        "confirm the seed sources seed-four-conditions (another clinic's own pages) with confirmed_by: "
        "the clinician's id in sources.yml, or replace them with your own sources" in err[0]
    ), err
    sources.write_text(
        text.replace("confirmed_by: dr-okafor", "confirmed_by: content-team", 1), encoding="utf-8"
    )
    status, err = _go_live(data)
    assert status == 1 and "confirm the seed sources seed-four-conditions " in err[0], "not a clinician"
    sources.write_text(text.replace("confirmed_by: dr-okafor", "confirmed_by: dr-okafr", 1), encoding="utf-8")
    status, err = _go_live(data)
    assert (
        err[0] == "data/sources.yml:10: confirmed_by: unknown reviewer 'dr-okafr' (did you mean 'dr-okafor'?)"
    )


def test_a_site_without_its_address_stays_a_draft(tmp_path: Path) -> None:
    """Its pages, sitemap and shared links must name where it lives: go-live asks for `website:`."""
    data = _live_copy(tmp_path)
    clinic = data / "clinic.yml"
    remove_top_level_field(clinic, "website")
    status, err = _go_live(data)
    assert status == 1 and len(err) == 1, err
    assert ": website: the site is still a draft and is not published: write website: the address" in err[0]
