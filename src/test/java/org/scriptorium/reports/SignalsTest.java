package org.scriptorium.reports;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.scriptorium.account.Accounts;
import org.scriptorium.support.Api;
import org.scriptorium.support.IntegrationTest;
import org.scriptorium.support.Words;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** Signals: a member's unusual use becomes a case in the review queue, never an automatic ban. */
class SignalsTest extends IntegrationTest {

    @Autowired
    Accounts accounts;

    private static String material(Api admin) {
        String word = Words.unique();
        String text = "关于" + word + "的工作方案\n一、总体要求。要把" + word + "工作抓紧抓实，确保各项任务落到实处。\n"
                + "二、主要任务。各单位要提高认识，加强领导，形成合力。";
        return admin.multipart("POST", "/api/v1/admin/materials", Map.of("text", text), null, null)
                .json().get("materialId").asString();
    }

    private Api member(Api admin) {
        Api member = api().newMember();
        String planId = admin.post("/api/v1/admin/plans", Map.of("name", "三年会员", "durationDays", 1095, "backCatalogDays", 1095))
                .json().get("id").asString();
        admin.post("/api/v1/admin/users/" + member.userId() + "/grant", Map.of("planId", planId));
        return member;
    }

    private static List<JsonNode> signalsAbout(Api admin, String kind, String userId) {
        List<JsonNode> found = new ArrayList<>();
        for (JsonNode c : admin.get("/api/v1/admin/reports?kind=" + kind).json()) {
            if (c.get("subject").get("userId").asString().equals(userId)) {
                found.add(c);
            }
        }
        return found;
    }

    @Test
    @DisplayName("beyond 50 distinct materials a day a download is refused with a clear message, and one case is opened")
    void downloadCap() {
        Api admin = api().asAdmin();
        List<String> materials = new ArrayList<>();
        for (int i = 0; i < 51; i++) {
            materials.add(material(admin));
        }
        Api member = member(admin);
        String userId = member.userId();
        for (int i = 0; i < 50; i++) {
            assertThat(member.get("/api/v1/materials/" + materials.get(i) + "/download?format=txt").status())
                    .as("download %d", i + 1).isEqualTo(200);
        }
        Api.Response refused = member.get("/api/v1/materials/" + materials.get(50) + "/download?format=txt");
        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.json().get("code").asString()).isEqualTo("DOWNLOAD_LIMIT_REACHED");
        assertThat(refused.json().get("detail").asString()).contains("今天已下载 50 篇不同的资料", "请明天再下载");
        assertThat(member.get("/api/v1/materials/" + materials.get(0) + "/download?format=docx").status())
                .as("a material already downloaded today, in another format").isEqualTo(200);
        assertThat(member.get("/api/v1/materials/" + materials.get(50)).json().has("text"))
                .as("reading is not capped").isTrue();
        assertThat(member.get("/api/v1/materials/" + materials.get(50) + "/download?format=pdf").status()).isEqualTo(429);

        List<JsonNode> cases = signalsAbout(admin, "DOWNLOAD_SIGNAL", userId);
        assertThat(cases).as("one case, however often the cap is hit").hasSize(1);
        JsonNode signal = cases.getFirst();
        assertThat(signal.get("status").asString()).isEqualTo("PENDING");
        assertThat(signal.get("reporter").isNull()).isTrue();
        assertThat(signal.get("signalDetail").asString()).contains("已下载 50 篇不同的资料");
        assertThat(accounts.get(userId).suspended()).as("a signal is not a ban").isFalse();

        JsonNode detail = admin.get("/api/v1/admin/reports/" + signal.get("id").asString()).json();
        assertThat(detail.get("ledger").size()).isGreaterThanOrEqualTo(50);

        JsonNode upheld = admin.post("/api/v1/admin/reports/" + signal.get("id").asString() + "/uphold", Map.of()).json();
        assertThat(upheld.get("outcome").asString()).isEqualTo("NO_REPORTER");
        assertThat(upheld.get("reward").isNull()).isTrue();
        assertThat(accounts.get(userId).suspended()).isTrue();
    }

    @Test
    @DisplayName("one account used from more than five devices within an hour opens a case once, and reading goes on")
    void manyDevices() {
        Api admin = api().asAdmin();
        String materialId = material(admin);
        Api member = member(admin);
        String userId = member.userId();
        for (int i = 1; i <= 5; i++) {
            assertThat(member.withUserAgent("Phone " + i).get("/api/v1/materials/" + materialId).json().has("text")).isTrue();
        }
        assertThat(signalsAbout(admin, "DEVICE_SIGNAL", userId)).as("five devices are still one member").isEmpty();

        assertThat(member.withUserAgent("Phone 6").get("/api/v1/materials/" + materialId).json().has("text")).isTrue();
        member.withUserAgent("Phone 7").get("/api/v1/materials/" + materialId);
        List<JsonNode> cases = signalsAbout(admin, "DEVICE_SIGNAL", userId);
        assertThat(cases).hasSize(1);
        assertThat(cases.getFirst().get("signalDetail").asString()).contains("6 种不同的浏览器或设备");
        assertThat(accounts.get(userId).suspended()).isFalse();

        JsonNode rejected = admin.post("/api/v1/admin/reports/" + cases.getFirst().get("id").asString() + "/reject",
                Map.of("reason", "单位多人共用一台电脑，已电话核实")).json();
        assertThat(rejected.get("status").asString()).isEqualTo("REJECTED");
    }
}
