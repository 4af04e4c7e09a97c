package org.scriptorium.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.scriptorium.support.Api;
import org.scriptorium.support.IntegrationTest;
import org.scriptorium.support.Speeches;

/** The reader's choices for a file besides its format: 公文格式 or 阅读格式, and a letterhead where one exists. */
class DownloadOptionsTest extends IntegrationTest {

    /** A 通知 with the elements a letterhead needs: 发文字号 and 落款 with 成文日期. */
    static final String NOTICE_WITH_ELEMENTS = """
            关于做好今冬明春森林防火工作的通知
            青政办发〔2025〕3号
            各乡镇人民政府，县直有关单位：
            为切实做好今冬明春森林防火工作，保护森林资源和人民群众生命财产安全，经县人民政府同意，现将有关事项通知如下。
            一、提高思想认识
            各乡镇、各有关单位要充分认识森林防火工作的重要性，切实把森林防火工作摆上重要议事日程。
            二、严格火源管控
            要加强野外用火管理，严禁在林区吸烟、烧荒、燃放烟花爆竹。
            青山县人民政府办公室
            2025年1月6日
            """;

    private String importText(Api admin, String text, String kind) {
        Api.Response r = admin.multipart("POST", "/api/v1/admin/materials",
                Map.of("text", text, "tier", "FREE", "kind", kind), null, null);
        assertThat(r.status()).as(r.text()).isEqualTo(201);
        return r.json().get("materialId").asString();
    }

    @Test
    @DisplayName("a DOCX comes in 公文格式 or 阅读格式; another layout is refused with a clear error")
    void layouts() {
        Api admin = api().asAdmin();
        String id = importText(admin, Speeches.RURAL_MEETING, "讲话稿");
        Api reader = api().newMember();
        assertThat(reader.get("/api/v1/materials/" + id + "/download?format=docx&layout=official").status())
                .isEqualTo(200);
        assertThat(reader.get("/api/v1/materials/" + id + "/download?format=docx&layout=reading").status())
                .isEqualTo(200);
        Api.Response refused = reader.get("/api/v1/materials/" + id + "/download?format=docx&layout=poster");
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.json().get("code").asString()).isEqualTo("UNSUPPORTED_LAYOUT");
        assertThat(refused.json().get("detail").asString()).contains("公文格式");
    }

    @Test
    @DisplayName("a letterhead is offered for a 通知 with 发文字号 and 落款, refused for a speech")
    void letterhead() {
        Api admin = api().asAdmin();
        String notice = importText(admin, NOTICE_WITH_ELEMENTS, "通知");
        String speech = importText(admin, Speeches.RURAL_MEETING, "讲话稿");
        Api reader = api().newMember();
        assertThat(reader.get("/api/v1/materials/" + notice + "/download?format=docx&letterhead=true").status())
                .isEqualTo(200);
        Api.Response refused = reader.get("/api/v1/materials/" + speech + "/download?format=docx&letterhead=true");
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.json().get("code").asString()).isEqualTo("LETTERHEAD_UNAVAILABLE");
        // Plain text has no letterhead to print, so asking for one changes nothing.
        assertThat(reader.get("/api/v1/materials/" + speech + "/download?format=txt&letterhead=true").status())
                .isEqualTo(200);
    }
}
