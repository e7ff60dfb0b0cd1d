"""Certificate templates and printers: who may shape them, what input is refused, the live
preview, and the calibration page."""

import uuid
from decimal import Decimal
from html.parser import HTMLParser

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from awards.catalogue.models import AwardType
from awards.certificates import layouts
from awards.certificates.content import DEFAULT_POSITIONS, FIELD_NAMES, default_issuer_title
from awards.certificates.models import BatchKind, CertificateTemplate, PrintBatch, Printer, PrintMode
from awards.certificates.preview import FRAME_POLICY, token
from tests.awards.world import build_world
from tests.factories import UnitFactory, UserFactory
from thiduakt.enums import Role
from thiduakt.errors import DomainError
from thiduakt.models import AuditLog

SAMPLE_NAME = "Nguyễn Thị Thu Hương"  # the made-up recipient of content.sample_page


def template_data(**fields):
    return {
        "name": "Giấy khen của Chủ tịch UBND quận",
        "heading": "GIẤY KHEN",
        "issuer_title": "CHỦ TỊCH\nỦY BAN NHÂN DÂN QUẬN THANH XUÂN",
        "place": "Thanh Xuân",
        "page_size": "A4",
        "orientation": "landscape",
        "frame_style": "classic",
        "frame_color": "#b8860b",
        "emblem": "emblem-star.svg",
        **fields,
    }


def make_template(award_code, issuer, **fields):
    return CertificateTemplate.objects.create(
        award_type=AwardType.objects.get(code=award_code), issuer=issuer, **template_data(**fields)
    )


def form_post(award_type, issuer=None, *, version=None, **fields):
    """The template form as a browser posts it (empty position cells included)."""
    data = {**template_data(), "award_type": award_type.pk, "issuer": issuer.pk if issuer else "", "is_active": "on"}
    for field in FIELD_NAMES:
        for key in ("x", "y", "w", "size", "align"):
            data[f"pos_{field}_{key}"] = ""
    if version is not None:
        data["version"] = version
    data.update(fields)
    return data


@pytest.fixture
def world(db):
    world = build_world()
    world.users.tx_admin = UserFactory(role=Role.ADMIN, unit=world.tx)
    world.users.th_admin = UserFactory(role=Role.ADMIN, unit=world.th)
    world.users.root = UserFactory(role=Role.ADMIN, unit=None, is_superuser=True)
    world.gk = AwardType.objects.get(code="GK_QUAN")
    world.bk = AwardType.objects.get(code="BK_TP")
    world.tx_template = make_template("GK_QUAN", world.tx)
    world.th_template = make_template("GK_QUAN", world.th, name="Giấy khen quận Tây Hồ")
    world.shared_template = make_template("BK_TP", None, name="Bằng khen thành phố", heading="BẰNG KHEN")
    world.tx_printer = Printer.objects.create(name="Canon phòng Nội vụ", unit=world.tx)
    world.th_printer = Printer.objects.create(name="HP văn phòng", unit=world.th)
    world.kt_printer = Printer.objects.create(name="Máy in phường", unit=world.kt)
    return world


# --- permission table ---------------------------------------------------------------------------

ROLES = ["anonymous", "kt_staff", "tx_secretariat", "th_secretariat", "tx_admin", "th_admin", "root"]

# tx_* belong to Quận Thanh Xuân (tx), th_* to Quận Tây Hồ; kt_staff to a ward of tx; root sees everything.
# Outside one's scope: 404; inside it without the role: 403.
TABLE = {
    "certificates:template_list":     [302, 403, 403, 403, 200, 200, 200],
    "certificates:template_create":   [302, 403, 403, 403, 200, 200, 200],
    "certificates:template_update":   [302, 404, 403, 404, 200, 404, 200],
    "shared_template_update":        [302, 403, 403, 403, 403, 403, 200],
    "certificates:printer_list":                  [302, 403, 200, 200, 200, 200, 200],
    "certificates:printer_create":                [302, 403, 200, 200, 200, 200, 200],
    "certificates:printer_update":                [302, 404, 200, 404, 200, 404, 200],
    "ward_printer_update":           [302, 403, 200, 404, 200, 404, 200],
}  # fmt: skip

CASES = [(key, role, row[i]) for key, row in TABLE.items() for i, role in enumerate(ROLES)]


def _url(key, w):
    return {
        "certificates:template_list": reverse("certificates:template_list"),
        "certificates:template_create": reverse("certificates:template_create"),
        "certificates:template_update": reverse("certificates:template_update", args=[w.tx_template.pk]),
        "shared_template_update": reverse("certificates:template_update", args=[w.shared_template.pk]),
        "certificates:printer_list": reverse("certificates:printer_list"),
        "certificates:printer_create": reverse("certificates:printer_create"),
        "certificates:printer_update": reverse("certificates:printer_update", args=[w.tx_printer.pk]),
        "ward_printer_update": reverse("certificates:printer_update", args=[w.kt_printer.pk]),
    }[key]


def _login(client, world, role):
    if role != "anonymous":
        client.force_login(getattr(world.users, role))


@pytest.mark.parametrize(("key", "role", "expected"), CASES, ids=[f"{k}-{r}" for k, r, _ in CASES])
def test_permission_table(client, world, key, role, expected):
    _login(client, world, role)
    assert client.get(_url(key, world)).status_code == expected


PREVIEW = [302, 403, 403, 403, 200, 200, 200]
CALIBRATION = [302, 404, 302, 404, 302, 404, 302]  # tx printer; 302 = to the print batch


@pytest.mark.parametrize(("role", "expected"), list(zip(ROLES, PREVIEW, strict=True)))
def test_preview_permissions(client, world, role, expected):
    _login(client, world, role)
    assert client.post(reverse("certificates:template_preview"), form_post(world.gk)).status_code == expected
    frame = reverse("certificates:template_preview_frame")
    assert client.get(frame, {"t": token(world.tx_template, "full")}).status_code == expected


@pytest.mark.parametrize(("role", "expected"), list(zip(ROLES, CALIBRATION, strict=True)))
def test_calibration_permissions(client, world, role, expected):
    _login(client, world, role)
    url = reverse("certificates:printer_calibration", args=[world.tx_printer.pk])
    response = client.post(url, {"template": world.tx_template.pk, "token": str(uuid.uuid4())})
    assert response.status_code == expected
    assert PrintBatch.objects.exists() == (expected == 302 and role != "anonymous")


def test_every_url_is_covered():
    from awards.certificates.urls import app_name, urlpatterns
    from awards.certificates.views import layouts

    urlpatterns = [p for p in urlpatterns if p.callback.view_class.__module__ == layouts.__name__]

    post_only = {"certificates:template_preview", "certificates:printer_calibration"}
    post_only.add("certificates:template_preview_frame")  # GET, but with the preview's permissions, above
    assert {f"{app_name}:{p.name}" for p in urlpatterns} - set(TABLE) - post_only == set()


def test_the_list_shows_shared_templates_to_every_admin_but_edit_links_only_where_allowed(client, world):
    client.force_login(world.users.tx_admin)
    html = client.get(reverse("certificates:template_list")).content.decode()
    assert world.tx_template.name in html and world.shared_template.name in html
    assert "Giấy khen quận Tây Hồ" not in html  # another district's
    assert reverse("certificates:template_update", args=[world.tx_template.pk]) in html
    assert reverse("certificates:template_update", args=[world.shared_template.pk]) not in html


def test_empty_lists_say_what_to_do(client, db):
    city = UnitFactory(code="HN", name="Thành phố Hà Nội")
    client.force_login(UserFactory(role=Role.ADMIN, unit=city))
    assert client.get(reverse("certificates:template_list")).context["templates"].count() == 0
    assert reverse("certificates:template_create") in client.get(reverse("certificates:template_list")).content.decode()
    assert reverse("certificates:printer_create") in client.get(reverse("certificates:printer_list")).content.decode()


# --- creating and editing templates -----------------------------------------------------------


def test_the_create_form_starts_from_the_admins_unit(client, world):
    client.force_login(world.users.tx_admin)
    response = client.get(reverse("certificates:template_create"))
    form = response.context["form"]
    assert form.initial["issuer"] == world.tx
    assert form.initial["issuer_title"] == default_issuer_title(world.tx)
    assert "QUẬN THANH XUÂN" in form.initial["issuer_title"]
    assert form.initial["place"] == "Thanh Xuân"
    assert set(form.fields["issuer"].queryset) == {world.tx, world.kt, world.km}
    assert form.fields["issuer"].required  # a district admin cannot make a shared template
    assert "<iframe" in response.content.decode()  # the preview is drawn with the page


def test_admin_creates_a_template_with_positions(client, world):
    client.force_login(world.users.tx_admin)
    data = form_post(
        world.bk, world.tx, name="  Bằng khen  quận ", pos_recipient_y="90", pos_recipient_size="26",
        pos_qr_align="right",
    )  # fmt: skip
    response = client.post(reverse("certificates:template_create"), data)
    assert response.status_code == 302, response.context["form"].errors
    template = CertificateTemplate.objects.get(award_type=world.bk, issuer=world.tx)
    assert template.name == "Bằng khen quận"
    assert template.blank_positions == {"recipient": {"y": 90, "size": 26}, "qr": {"align": "right"}}
    entry = AuditLog.objects.get(action="certificate_template.create", object_id=str(template.pk))
    assert entry.unit == world.tx and entry.actor == world.users.tx_admin


def test_only_a_global_admin_makes_shared_templates(client, world):
    client.force_login(world.users.tx_admin)
    response = client.post(reverse("certificates:template_create"), form_post(world.ldtt, None))
    assert response.status_code == 200 and "issuer" in response.context["form"].errors
    with pytest.raises(DomainError):
        layouts.create_template(
            actor=world.users.tx_admin, data={**template_data(), "award_type": world.ldtt, "issuer": None}
        )
    client.force_login(world.users.root)
    response = client.post(reverse("certificates:template_create"), form_post(world.ldtt, None))
    assert response.status_code == 302
    assert CertificateTemplate.objects.filter(award_type=world.ldtt, issuer=None).exists()


def test_a_second_template_for_the_same_award_and_issuer_is_refused(client, world):
    client.force_login(world.users.tx_admin)
    response = client.post(reverse("certificates:template_create"), form_post(world.gk, world.tx))
    assert response.status_code == 200
    assert response.context["form"].errors.get("award_type")
    assert CertificateTemplate.objects.filter(award_type=world.gk, issuer=world.tx).count() == 1


@pytest.mark.parametrize(
    ("fields", "error_field"),
    [
        ({"frame_color": "gold"}, "frame_color"),
        ({"frame_color": "#12345"}, "frame_color"),
        ({"emblem": "quoc-huy-khong-co.svg"}, "emblem"),
        ({"pos_recipient_x": "400"}, "pos_recipient_x"),  # the A4 landscape sheet is 297 mm wide
        ({"pos_recipient_y": "-3"}, "pos_recipient_y"),
        ({"pos_details_y": "211", "page_size": "A4", "orientation": "portrait"}, None),  # fits portrait (297 high)
        ({"pos_details_y": "211"}, "pos_details_y"),  # landscape: 210 mm high
        ({"pos_achievement_w": "4"}, "pos_achievement_w"),
        ({"pos_decision_size": "5"}, "pos_decision_size"),
        ({"pos_decision_size": "73"}, "pos_decision_size"),
        ({"pos_registry_x": "250"}, "pos_registry_x"),  # with its default width it runs off the right edge
        ({"pos_registry_x": "abc"}, "pos_registry_x"),
        ({"pos_qr_align": "justify"}, "pos_qr_align"),
    ],
)
def test_bad_input_is_refused_on_its_field_and_kept(client, world, fields, error_field):
    client.force_login(world.users.tx_admin)
    data = form_post(world.bk, world.tx, **fields)
    response = client.post(reverse("certificates:template_create"), data)
    created = CertificateTemplate.objects.filter(award_type=world.bk, issuer=world.tx).exists()
    if error_field is None:
        assert response.status_code == 302 and created
        return
    assert response.status_code == 200 and not created
    form = response.context["form"]
    assert list(form.errors) == [error_field]
    assert form[error_field].value() == fields[error_field]  # what was typed is still there
    assert "is-invalid" in response.content.decode()


def test_the_service_checks_what_the_form_checks(world):
    admin = world.users.tx_admin
    base = {**template_data(), "award_type": world.bk, "issuer": world.tx}
    with pytest.raises(ValidationError) as refused:
        layouts.create_template(
            actor=admin,
            data={**base, "frame_color": "red", "emblem": "../../settings.py",
                  "blank_positions": {"recipient": {"x": 500, "size": 100}, "signature": {"x": 1}}},
        )  # fmt: skip
    errors = refused.value.message_dict
    assert set(errors) == {"frame_color", "emblem", "blank_positions"}
    assert len(errors["blank_positions"]) == 3
    assert not CertificateTemplate.objects.filter(award_type=world.bk, issuer=world.tx).exists()
    template = layouts.create_template(actor=admin, data={**base, "frame_color": " #C00000 "})
    assert template.frame_color == "#c00000"


def test_a_position_that_fitted_must_fit_the_new_paper(world):
    with pytest.raises(ValidationError):  # 280 mm from the top: off an A4 landscape sheet (210 mm high)
        layouts.update_template(
            world.tx_template,
            actor=world.users.tx_admin,
            data={"blank_positions": {"signer_name": {"y": 280}}},
            expected_version=1,
        )
    world.tx_template.page_size, world.tx_template.orientation = "A4", "portrait"
    world.tx_template.save()
    updated = layouts.update_template(
        world.tx_template,
        actor=world.users.tx_admin,
        data={"blank_positions": {"signer_name": {"y": 280}}},
        expected_version=1,
    )
    assert updated.version == 2
    with pytest.raises(ValidationError):
        layouts.update_template(
            updated, actor=world.users.tx_admin, data={"orientation": "landscape"}, expected_version=2
        )


def test_admin_edits_a_template_and_the_change_is_audited(client, world):
    client.force_login(world.users.tx_admin)
    url = reverse("certificates:template_update", args=[world.tx_template.pk])
    form = client.get(url).context["form"]
    assert form["frame_color"].value() == "#b8860b"
    data = form_post(world.gk, world.tx, version=1, frame_style="simple", pos_qr_w="20")
    assert client.post(url, data).status_code == 302
    world.tx_template.refresh_from_db()
    assert world.tx_template.version == 2 and world.tx_template.frame_style == "simple"
    assert world.tx_template.blank_positions == {"qr": {"w": 20}}
    entry = AuditLog.objects.get(action="certificate_template.update")
    assert entry.data["changes"]["frame_style"] == ["classic", "simple"] and entry.unit == world.tx
    # the edit form shows the stored overrides in their cells
    assert client.get(url).context["form"]["pos_qr_w"].value() == 20


def test_a_stale_template_edit_is_refused_and_nothing_is_lost(client, world):
    client.force_login(world.users.tx_admin)
    url = reverse("certificates:template_update", args=[world.tx_template.pk])
    layouts.update_template(world.tx_template, actor=world.users.root, data={"place": "Hà Nội"}, expected_version=1)
    response = client.post(url, form_post(world.gk, world.tx, version=1, heading="GIẤY KHEN MỚI"))
    assert response.status_code == 200
    form = response.context["form"]
    assert form.non_field_errors()
    assert form["heading"].value() == "GIẤY KHEN MỚI"
    world.tx_template.refresh_from_db()
    assert world.tx_template.heading == "GIẤY KHEN" and world.tx_template.place == "Hà Nội"
    assert world.tx_template.version == 2


def test_a_district_admin_cannot_move_a_template_out_of_scope(client, world):
    client.force_login(world.users.tx_admin)
    url = reverse("certificates:template_update", args=[world.tx_template.pk])
    response = client.post(url, form_post(world.bk, world.th, version=1))
    assert response.status_code == 200 and "issuer" in response.context["form"].errors
    with pytest.raises(DomainError):
        layouts.update_template(world.tx_template, actor=world.users.tx_admin, data={"issuer": world.th},
                              expected_version=1)  # fmt: skip


def test_emblem_choices_are_the_images_of_the_folder():
    choices = dict(layouts.emblem_choices())
    assert choices["emblem-star.svg"] == layouts.SHIPPED_EMBLEMS["emblem-star.svg"]
    assert layouts.emblem_label("quoc-huy_2025.png") == "Quoc huy 2025"  # an image added at deployment
    assert all(name.endswith((".svg", ".png")) for name in choices)


# --- the live preview ---------------------------------------------------------------------------


class _Frames(HTMLParser):
    def __init__(self):
        super().__init__()
        self.frames = []

    def handle_starttag(self, tag, attrs):
        if tag == "iframe":
            self.frames.append(dict(attrs))


def frame_document(client, response):
    """The document the preview pane's frame shows: fetched from its own URL, with its own policy."""
    parser = _Frames()
    parser.feed(response.content.decode())
    assert len(parser.frames) == 1 and "srcdoc" not in parser.frames[0]
    frame = client.get(parser.frames[0]["src"])
    assert frame.status_code == 200
    assert frame["Content-Security-Policy"] == FRAME_POLICY and frame["X-Frame-Options"] == "SAMEORIGIN"
    return frame.content.decode()


def preview(client, data):
    response = client.post(reverse("certificates:template_preview"), data)
    assert response.status_code == 200
    return response


def test_preview_of_valid_data_shows_the_sample_certificate(client, world):
    client.force_login(world.users.tx_admin)
    response = preview(client, form_post(world.gk, world.tx, heading="GIẤY KHEN", frame_color="#c00000"))
    raw = response.content.decode()
    document = frame_document(client, response)
    assert document.lstrip().startswith("<!doctype html>") or "<html" in document
    assert SAMPLE_NAME in document and "GIẤY KHEN" in document and "#c00000" in document
    assert "emblem-star.svg" in document
    assert "preview-defaults" in raw


def test_user_text_is_escaped_inside_the_preview(client, world):
    client.force_login(world.users.tx_admin)
    response = preview(client, form_post(world.gk, world.tx, signer_name='"><script>alert(1)</script>'))
    raw = response.content.decode()
    assert "<script>alert(1)" not in raw
    document = frame_document(client, response)
    assert "<script>" not in document.lower() and "&lt;script&gt;alert(1)" in document


def test_preview_of_partly_invalid_data_falls_back_to_defaults(client, world):
    client.force_login(world.users.tx_admin)
    data = form_post(
        world.gk, None, frame_color="not a colour", emblem="missing.svg", page_size="B9", orientation="sideways",
        pos_recipient_x="abc", pos_recipient_y="50", pos_details_x="9999", pos_qr_align="diagonal",
        preview_mode="blank", name="",
    )  # fmt: skip
    data["award_type"] = ""
    document = frame_document(client, preview(client, data))
    assert SAMPLE_NAME in document
    assert 'class="field recipient"' in document  # blank stock: only the variable text
    assert "top: 50.0mm" in document  # the valid cell of the row is used ...
    default_x = f"left: {round(DEFAULT_POSITIONS['recipient']['x'] * 297, 1)}mm"
    assert default_x in document  # ... the invalid one takes the default (A4 landscape, the default paper)
    assert "missing.svg" not in document


def test_preview_never_fails(client, world):
    client.force_login(world.users.tx_admin)
    assert SAMPLE_NAME in frame_document(client, preview(client, {}))
    assert SAMPLE_NAME in frame_document(client, preview(client, {"pos_recipient_x": "1e400", "frame_color": "#" * 50}))


def test_the_preview_frame_draws_only_what_we_signed_for_those_who_edit_templates(client, world):
    client.force_login(world.users.tx_admin)
    parser = _Frames()
    parser.feed(preview(client, form_post(world.gk, world.tx)).content.decode())
    url = parser.frames[0]["src"]
    assert client.get(url).status_code == 200
    assert client.get(url[:-3] + "abc").status_code == 404  # a tampered token
    assert client.get(reverse("certificates:template_preview_frame")).status_code == 404
    client.force_login(world.users.kt_staff)
    assert client.get(url).status_code == 403


# --- printers -----------------------------------------------------------------------------------


def printer_post(unit, **fields):
    return {"name": "Epson L1300", "unit": unit.pk, "offset_x_mm": "0", "offset_y_mm": "0", **fields}


def test_secretariat_adds_a_printer_in_scope(client, world):
    client.force_login(world.users.tx_secretariat)
    response = client.post(
        reverse("certificates:printer_create"), printer_post(world.kt, offset_x_mm="-1.5", offset_y_mm="20")
    )
    printer = Printer.objects.get(name="Epson L1300")
    assert response.status_code == 302 and response["Location"] == reverse(
        "certificates:printer_update", args=[printer.pk]
    )
    assert printer.unit == world.kt and printer.offset_x_mm == Decimal("-1.5")
    assert AuditLog.objects.get(action="printer.create").unit == world.kt
    # another district's unit is not offered
    response = client.post(reverse("certificates:printer_create"), printer_post(world.bu, name="Khác"))
    assert response.status_code == 200 and "unit" in response.context["form"].errors


@pytest.mark.parametrize(
    ("fields", "error_field"),
    [({"offset_x_mm": "20.5"}, "offset_x_mm"), ({"offset_y_mm": "-21"}, "offset_y_mm"),
     ({"offset_x_mm": "1.25"}, "offset_x_mm"), ({"name": "Canon phòng Nội vụ"}, "name")],
)  # fmt: skip
def test_bad_printer_input_is_refused(client, world, fields, error_field):
    client.force_login(world.users.tx_secretariat)
    response = client.post(reverse("certificates:printer_create"), printer_post(world.tx, **fields))
    assert response.status_code == 200
    assert list(response.context["form"].errors) == [error_field]
    assert Printer.objects.count() == 3


def test_the_printer_service_checks_offsets(world):
    with pytest.raises(ValidationError) as refused:
        layouts.create_printer(
            actor=world.users.tx_admin,
            data={"name": "X", "unit": world.tx, "offset_x_mm": Decimal("25"), "offset_y_mm": Decimal("-30")},
        )
    assert set(refused.value.message_dict) == {"offset_x_mm", "offset_y_mm"}


def test_a_stale_printer_edit_is_refused(client, world):
    client.force_login(world.users.tx_secretariat)
    url = reverse("certificates:printer_update", args=[world.tx_printer.pk])
    layouts.update_printer(
        world.tx_printer, actor=world.users.tx_admin, data={"offset_x_mm": Decimal("1.0")}, expected_version=1
    )
    response = client.post(url, printer_post(world.tx, name="Canon phòng Nội vụ", offset_y_mm="-2.5", version=1))
    assert response.status_code == 200 and response.context["form"].non_field_errors()
    assert response.context["form"]["offset_y_mm"].value() == "-2.5"
    world.tx_printer.refresh_from_db()
    assert world.tx_printer.offset_y_mm == 0 and world.tx_printer.version == 2
    response = client.post(
        url, printer_post(world.tx, name="Canon phòng Nội vụ", offset_x_mm="1.0", offset_y_mm="-2.5", version=2)
    )
    assert response.status_code == 302
    world.tx_printer.refresh_from_db()
    assert world.tx_printer.offset_y_mm == Decimal("-2.5") and world.tx_printer.offset_x_mm == Decimal("1.0")
    assert AuditLog.objects.filter(action="printer.update").count() == 2


def test_the_printer_page_explains_calibration_and_offers_templates_in_scope(client, world):
    client.force_login(world.users.tx_secretariat)
    response = client.get(reverse("certificates:printer_update", args=[world.tx_printer.pk]))
    html = response.content.decode()
    assert "20 mm" in html and reverse("certificates:printer_calibration", args=[world.tx_printer.pk]) in html
    offered = set(response.context["calibration_form"].fields["template"].queryset)
    assert offered == {world.tx_template, world.shared_template}


# --- calibration --------------------------------------------------------------------------------


def test_calibration_starts_a_calibration_batch_once(client, world):
    client.force_login(world.users.tx_secretariat)
    url = reverse("certificates:printer_calibration", args=[world.tx_printer.pk])
    token = str(uuid.uuid4())
    response = client.post(url, {"template": world.tx_template.pk, "token": token})
    batch = PrintBatch.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse(
        "certificates:print_batch_detail", args=[batch.pk]
    )
    assert batch.kind == BatchKind.CALIBRATION and batch.mode == PrintMode.BLANK
    assert batch.printer == world.tx_printer and batch.template == world.tx_template and batch.unit == world.tx
    assert batch.chunks.count() == 1
    again = client.post(url, {"template": world.tx_template.pk, "token": token})  # a double click
    assert again["Location"] == response["Location"] and PrintBatch.objects.count() == 1


def test_calibration_with_a_template_out_of_scope_is_refused(client, world):
    client.force_login(world.users.tx_secretariat)
    url = reverse("certificates:printer_calibration", args=[world.tx_printer.pk])
    response = client.post(url, {"template": world.th_template.pk, "token": str(uuid.uuid4())})
    assert response.status_code == 302 and response["Location"] == reverse(
        "certificates:printer_update", args=[world.tx_printer.pk]
    )
    assert not PrintBatch.objects.exists()
    assert client.get(url).status_code == 405


# --- query counts -------------------------------------------------------------------------------


def count(client, url):
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def grow(world, count):
    award_types = list(AwardType.objects.exclude(code__in=["GK_QUAN", "BK_TP"]).order_by("pk"))
    for i in range(count):
        unit = UnitFactory(parent=world.tx)
        make_template(award_types[i % len(award_types)].code, unit, name=f"Mẫu {unit.code}")
        Printer.objects.create(name=f"Máy in {i}", unit=unit)


LISTS = [
    ("certificates:template_list", "tx_admin"),
    ("certificates:printer_list", "tx_secretariat"),
    ("certificates:template_list", "root"),
]


@pytest.mark.parametrize(("name", "user"), LISTS)
def test_lists_do_not_grow_with_rows(client, world, name, user):
    client.force_login(getattr(world.users, user))
    url = reverse(name)
    grow(world, 2)
    few = count(client, url)
    grow(world, 6)
    assert count(client, url) == few
