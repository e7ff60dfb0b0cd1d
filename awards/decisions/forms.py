from crispy_forms.helper import FormHelper
from crispy_forms.layout import Column, Layout, Row, Submit
from django.utils.translation import gettext_lazy as _

from awards.decisions.models import Decision
from thiduakt.forms import DATE_WIDGET, VersionedModelForm

LEGAL_BASES = (
    "Căn cứ Luật Tổ chức chính quyền địa phương;\n"
    "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;\n"
    "Căn cứ Nghị định số 152/2025/NĐ-CP của Chính phủ quy định chi tiết một số điều của Luật Thi đua, khen thưởng;\n"
    "Xét đề nghị của Hội đồng Thi đua - Khen thưởng."
)


class DecisionForm(VersionedModelForm):
    class Meta:
        model = Decision
        fields = ["number", "date", "signer_title", "signer_name", "legal_bases"]
        widgets = {"date": DATE_WIDGET}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.instance.pk:
            self.fields["legal_bases"].initial = LEGAL_BASES
        self.helper = FormHelper()
        self.helper.layout = Layout(
            Row(Column("number", css_class="col-md-4"), Column("date", css_class="col-md-3")),
            Row(Column("signer_title", css_class="col-md-5"), Column("signer_name", css_class="col-md-7")),
            "legal_bases",
            "version",
            Submit("save", _("Save the draft"), css_class="btn-primary"),
        )
