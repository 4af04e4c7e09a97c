package org.scriptorium.reports;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.scriptorium.account.Accounts;
import org.scriptorium.account.Role;
import org.scriptorium.bench.TraceSimulation;
import org.scriptorium.support.Api;
import org.scriptorium.support.IntegrationTest;
import org.scriptorium.support.Marked;
import org.scriptorium.support.Speeches;
import org.scriptorium.support.Words;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** Reports over the HTTP API: filing with evidence, the review queue with the tracer's result, and the decisions. */
class ReportsApiTest extends IntegrationTest {

    @Autowired
    Accounts accounts;

    /** A member material, a leaker who downloaded it as TXT, and the leaked file. */
    record Leak(Api admin, String materialId, Api leaker, String leakerId, String leakerEmail, byte[] txt) {
    }

    private Leak leak() {
        Api admin = api().asAdmin();
        String text = Speeches.longSpeech(Words.unique());
        String materialId = admin.multipart("POST", "/api/v1/admin/materials", Map.of("text", text), null, null)
                .json().get("materialId").asString();
        String email = "leak" + UUID.randomUUID().toString().substring(0, 8) + "@test.example";
        Api leaker = api().newMember(email);
        String leakerId = leaker.userId();
        grant(admin, leakerId);
        Api.Response txt = leaker.get("/api/v1/materials/" + materialId + "/download?format=txt");
        assertThat(txt.status()).isEqualTo(200);
        return new Leak(admin, materialId, leaker, leakerId, email, txt.bytes());
    }

    private static String threeYearPlan(Api admin) {
        return admin.post("/api/v1/admin/plans", Map.of("name", "三年会员", "durationDays", 1095, "backCatalogDays", 1095))
                .json().get("id").asString();
    }

    private static void grant(Api admin, String userId) {
        assertThat(admin.post("/api/v1/admin/users/" + userId + "/grant", Map.of("planId", threeYearPlan(admin))).status())
                .isEqualTo(200);
    }

    private static Instant endsAt(Api member) {
        JsonNode membership = member.get("/api/v1/me").json().get("membership");
        return membership.isNull() ? null : Instant.parse(membership.get("endsAt").asString());
    }

    private static String file(Api reporter, String where, byte[] txt) {
        Api.Response filed = reporter.multipart("POST", "/api/v1/reports",
                Map.of("where", where, "statement", "淘宝店铺九块九打包卖"), "倒卖的资料.txt", txt);
        assertThat(filed.status()).as(filed.text()).isEqualTo(201);
        return filed.json().get("reportId").asString();
    }

    private static JsonNode find(JsonNode list, String reportId) {
        for (JsonNode node : list) {
            if (node.get("id").asString().equals(reportId)) {
                return node;
            }
        }
        throw new AssertionError("report " + reportId + " not in " + list);
    }

    @Test
    @DisplayName("a member reports a leaked TXT copy: the queue shows the tracer's result; upholding suspends the leaker and gives the reporter a year")
    void upheldAndRewarded() {
        Leak leak = leak();
        Api reporter = api().newMember();
        grant(leak.admin(), reporter.userId());
        Instant endsBefore = endsAt(reporter);

        String reportId = file(reporter, "淘宝店铺“公文大全”", leak.txt());

        JsonNode queued = find(leak.admin().get("/api/v1/admin/reports?status=PENDING").json(), reportId);
        assertThat(queued.get("status").asString()).isEqualTo("PENDING");
        assertThat(queued.get("trace").get("verdict").asString()).isEqualTo("ACCUSE");
        assertThat(queued.get("trace").get("materials").get(0).get("materialId").asString()).isEqualTo(leak.materialId());
        assertThat(queued.get("trace").get("suspects")).hasSize(1);
        assertThat(queued.get("trace").get("suspects").get(0).get("userId").asString()).isEqualTo(leak.leakerId());
        assertThat(queued.get("trace").get("suspects").get(0).get("falseAccusationBound").asDouble()).isLessThanOrEqualTo(1e-6);
        assertThat(queued.get("files").get(0).get("traced").asBoolean()).isTrue();

        JsonNode detail = leak.admin().get("/api/v1/admin/reports/" + reportId).json();
        assertThat(detail.get("ledger")).isNotEmpty();
        assertThat(detail.get("ledger")).allSatisfy(row -> {
            assertThat(row.get("userId").asString()).isEqualTo(leak.leakerId());
            assertThat(row.get("materialId").asString()).isEqualTo(leak.materialId());
        });
        assertThat(detail.get("ledger").findValuesAsString("format")).contains("txt");
        assertThat(detail.get("reporterHistory")).isEmpty();

        Api.Response upheld = leak.admin().post("/api/v1/admin/reports/" + reportId + "/uphold", Map.of());
        assertThat(upheld.status()).as(upheld.text()).isEqualTo(200);
        JsonNode decided = upheld.json();
        assertThat(decided.get("status").asString()).isEqualTo("UPHELD");
        assertThat(decided.get("outcome").asString()).isEqualTo("REWARDED");
        assertThat(decided.get("reward").get("days").asInt()).isEqualTo(365);
        assertThat(decided.get("namedAccounts").get(0).get("userId").asString()).isEqualTo(leak.leakerId());
        assertThat(decided.get("namedAccounts").get(0).get("suspended").asBoolean()).isTrue();

        // The reporter's membership runs a year longer; the leaker's token is dead and a new one reads nothing.
        assertThat(endsAt(reporter)).isEqualTo(endsBefore.plus(Duration.ofDays(365)));
        assertThat(leak.leaker().get("/api/v1/me").status()).isEqualTo(401);
        Api leakerAgain = api().as(api().token(leak.leakerEmail(), Api.MEMBER_PASSWORD));
        assertThat(leakerAgain.get("/api/v1/materials/" + leak.materialId()).json().has("text")).isFalse();
        assertThat(leakerAgain.get("/api/v1/materials/" + leak.materialId() + "/download?format=txt").status()).isEqualTo(403);

        JsonNode mine = reporter.get("/api/v1/me/reports").json();
        assertThat(mine).hasSize(1);
        assertThat(mine.get(0).get("reportId").asString()).isEqualTo(reportId);
        assertThat(mine.get(0).get("status").asString()).isEqualTo("UPHELD");
        assertThat(mine.get(0).get("outcome").asString()).isEqualTo("REWARDED");
        assertThat(mine.get(0).get("reward").get("planName").asString()).isEqualTo("一年会员");
        assertThat(mine.get(0).toString()).as("the reporter is not told whom the case named").doesNotContain(leak.leakerId());

        // The audit log has the decision, the suspension and the reward, all by the editor who upheld.
        JsonNode onCase = leak.admin().get("/api/v1/admin/audit?target=" + reportId).json();
        assertThat(onCase.get(0).get("action").asString()).isEqualTo("REPORT_UPHELD");
        assertThat(onCase.get(0).get("after").asString()).isEqualTo("已核实（已奖励）");
        assertThat(onCase.get(0).get("summary").asString()).contains(leak.leakerEmail());
        JsonNode onLeaker = leak.admin().get("/api/v1/admin/audit?action=ACCOUNT_SUSPENDED&target=" + leak.leakerId()).json();
        assertThat(onLeaker.get(0).get("after").asString()).contains("经核实泄露", reportId);
        JsonNode onReporter = leak.admin().get("/api/v1/admin/audit?action=MEMBERSHIP_GRANTED&target=" + reporter.userId()).json();
        assertThat(onReporter.get(0).get("summary").asString()).contains("一年会员");
        assertThat(onReporter.get(0).get("actorEmail").asString()).isEqualTo(Api.ADMIN_EMAIL);
    }

    @Test
    @DisplayName("a second report of a leaker already rewarded is marked a repeat and earns nothing")
    void repeat() {
        Leak leak = leak();
        Api first = api().newMember();
        String firstReport = file(first, "闲鱼", leak.txt());
        assertThat(leak.admin().post("/api/v1/admin/reports/" + firstReport + "/uphold", Map.of()).json()
                .get("outcome").asString()).isEqualTo("REWARDED");

        Api second = api().newMember();
        String secondReport = file(second, "微信群“公文交流”", leak.txt());
        JsonNode decided = leak.admin().post("/api/v1/admin/reports/" + secondReport + "/uphold",
                Map.of("userIds", List.of(leak.leakerId()))).json();
        assertThat(decided.get("status").asString()).isEqualTo("UPHELD");
        assertThat(decided.get("outcome").asString()).isEqualTo("REPEAT");
        assertThat(decided.get("reward").isNull()).isTrue();
        assertThat(endsAt(second)).as("no membership was granted").isNull();
        assertThat(second.get("/api/v1/me/reports").json().get(0).get("outcome").asString()).isEqualTo("REPEAT");
    }

    @Test
    @DisplayName("a report whose only suspect is the reporter earns nothing, and the reporter's account is suspended")
    void selfReport() {
        Leak leak = leak();
        String reportId = file(leak.leaker(), "自己发现的网盘链接", leak.txt());
        Instant endsBefore = endsAt(leak.leaker());
        JsonNode decided = leak.admin().post("/api/v1/admin/reports/" + reportId + "/uphold", Map.of()).json();
        assertThat(decided.get("outcome").asString()).isEqualTo("SELF_REPORT");
        assertThat(decided.get("reward").isNull()).isTrue();
        assertThat(accounts.get(leak.leakerId()).suspended()).isTrue();
        Api again = api().as(api().token(leak.leakerEmail(), Api.MEMBER_PASSWORD));
        assertThat(endsAt(again)).isEqualTo(endsBefore);
    }

    @Test
    @DisplayName("a rejection needs a reason, which the reporter sees; a decided case cannot be decided again")
    void rejected() {
        Leak leak = leak();
        Api reporter = api().newMember();
        String reportId = file(reporter, "某QQ群", leak.txt());
        Api.Response noReason = leak.admin().post("/api/v1/admin/reports/" + reportId + "/reject", Map.of());
        assertThat(noReason.status()).isEqualTo(422);
        assertThat(noReason.json().get("code").asString()).isEqualTo("REASON_REQUIRED");

        Api.Response rejected = leak.admin().post("/api/v1/admin/reports/" + reportId + "/reject",
                Map.of("reason", "链接已失效，无法核实"));
        assertThat(rejected.json().get("status").asString()).isEqualTo("REJECTED");
        JsonNode mine = reporter.get("/api/v1/me/reports").json().get(0);
        assertThat(mine.get("status").asString()).isEqualTo("REJECTED");
        assertThat(mine.get("reason").asString()).isEqualTo("链接已失效，无法核实");

        Api.Response again = leak.admin().post("/api/v1/admin/reports/" + reportId + "/uphold", Map.of());
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json().get("code").asString()).isEqualTo("REPORT_ALREADY_DECIDED");
        assertThat(accounts.get(leak.leakerId()).suspended()).isFalse();
    }

    @Test
    @DisplayName("an account named in an upheld case is restored from the case with a reason, and reads again")
    void unsuspend() {
        Leak leak = leak();
        String reportId = file(api().newMember(), "拼多多", leak.txt());
        leak.admin().post("/api/v1/admin/reports/" + reportId + "/uphold", Map.of("note", "店铺截图与副本一致"));

        Api.Response noReason = leak.admin().post("/api/v1/admin/reports/" + reportId + "/unsuspend",
                Map.of("userId", leak.leakerId()));
        assertThat(noReason.status()).isEqualTo(422);
        Api.Response restored = leak.admin().post("/api/v1/admin/reports/" + reportId + "/unsuspend",
                Map.of("userId", leak.leakerId(), "reason", "申诉成立：账号被盗"));
        assertThat(restored.status()).as(restored.text()).isEqualTo(200);
        assertThat(restored.json().get("namedAccounts").get(0).get("suspended").asBoolean()).isFalse();
        Api again = api().as(api().token(leak.leakerEmail(), Api.MEMBER_PASSWORD));
        assertThat(again.get("/api/v1/materials/" + leak.materialId()).json().has("text")).isTrue();

        JsonNode decisions = leak.admin().get("/api/v1/admin/reports/" + reportId).json().get("decisions");
        assertThat(decisions.findValuesAsString("action")).containsExactly("UPHOLD", "UNSUSPEND");
        assertThat(decisions.get(0).get("reason").asString()).isEqualTo("店铺截图与副本一致");
        assertThat(decisions.get(1).get("reason").asString()).isEqualTo("申诉成立：账号被盗");
        assertThat(decisions.get(1).get("actor").get("email").asString()).isEqualTo(Api.ADMIN_EMAIL);
    }

    @Test
    @DisplayName("the case file PDF holds the evidence, the trace with its bound, the ledger rows and the decisions with their authors")
    void caseFile() throws Exception {
        Leak leak = leak();
        Api reporter = api().newMember();
        String reportId = file(reporter, "淘宝店铺“笔杆子资料铺”", leak.txt());
        leak.admin().post("/api/v1/admin/reports/" + reportId + "/uphold", Map.of("note", "核对一致"));
        long leakerNumber = accounts.get(leak.leakerId()).memberNumber();

        Api.Response pdf = leak.admin().get("/api/v1/admin/reports/" + reportId + "/case-file");
        assertThat(pdf.status()).isEqualTo(200);
        assertThat(pdf.contentType()).startsWith("application/pdf");
        String text;
        try (PDDocument doc = Loader.loadPDF(pdf.bytes())) {
            // Lines wrap anywhere in the PDF: compare without any white space.
            text = Marked.visible(new PDFTextStripper().getText(doc)).replaceAll("\\s+", "");
        }
        JsonNode report = leak.admin().get("/api/v1/admin/reports/" + reportId).json().get("report");
        assertThat(text).contains("倒卖举报案卷" + reportId, "笔杆子资料铺", "淘宝店铺九块九打包卖",
                "倒卖的资料.txt", report.get("files").get(0).get("sha256").asString(),
                "结论：可以认定", "误判上界", "会员" + leakerNumber, Speeches.LONG_SPEECH_TITLE,
                "交付记录", "·txt·", "核实并处理", Api.ADMIN_EMAIL, "理由：核对一致", "一年会员",
                "内部案卷");
        assertThat(leak.leaker().get("/api/v1/admin/reports/" + reportId + "/case-file").status()).isIn(401, 403);
    }

    @Test
    @DisplayName("a screenshot is kept as an attachment only, served to editors and to no one else")
    void screenshot() {
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R'};
        Api reporter = api().newMember();
        Api.Response filed = reporter.multipart("POST", "/api/v1/reports", Map.of("where", "朋友圈"), "截图.png", png);
        assertThat(filed.status()).as(filed.text()).isEqualTo(201);
        String reportId = filed.json().get("reportId").asString();
        Api admin = api().asAdmin();
        JsonNode report = admin.get("/api/v1/admin/reports/" + reportId).json().get("report");
        assertThat(report.get("trace").isNull()).isTrue();
        assertThat(report.get("traceNote").asString()).contains("只有图片");
        JsonNode file = report.get("files").get(0);
        assertThat(file.get("traced").asBoolean()).isFalse();
        assertThat(file.get("mediaType").asString()).isEqualTo("image/png");

        String path = "/api/v1/admin/reports/" + reportId + "/files/" + file.get("id").asString();
        Api.Response served = admin.get(path);
        assertThat(served.bytes()).isEqualTo(png);
        assertThat(reporter.get(path).status()).isEqualTo(403);
        assertThat(api().get(path).status()).isEqualTo(401);
    }

    @Test
    @DisplayName("what a report must carry and may not exceed is refused clearly, in Chinese")
    void badReports() {
        Api reporter = api().newMember();
        Api.Response noWhere = reporter.multipart("POST", "/api/v1/reports", Map.of("text", "一段文字"), null, null);
        assertThat(noWhere.status()).isEqualTo(422);
        assertThat(noWhere.json().get("code").asString()).isEqualTo("WHERE_REQUIRED");
        assertThat(noWhere.json().get("detail").asString()).contains("在哪里看到倒卖");

        Api.Response noEvidence = reporter.multipart("POST", "/api/v1/reports", Map.of("where", "淘宝"), null, null);
        assertThat(noEvidence.json().get("code").asString()).isEqualTo("EVIDENCE_REQUIRED");

        Api.Response exe = reporter.multipart("POST", "/api/v1/reports", Map.of("where", "淘宝"), "资料.exe", new byte[] {1});
        assertThat(exe.json().get("code").asString()).isEqualTo("UNSUPPORTED_FORMAT");
        Api.Response fakeImage = reporter.multipart("POST", "/api/v1/reports", Map.of("where", "淘宝"), "截图.jpg",
                "不是图片".getBytes());
        assertThat(fakeImage.json().get("code").asString()).isEqualTo("NOT_AN_IMAGE");
        Api.Response brokenPdf = reporter.multipart("POST", "/api/v1/reports", Map.of("where", "淘宝"), "资料.pdf",
                "not a pdf".getBytes());
        assertThat(brokenPdf.json().get("code").asString()).isEqualTo("MALFORMED_PDF");

        Api.Response big = reporter.multipart("POST", "/api/v1/reports", Map.of("where", "淘宝"), "大文件.txt",
                new byte[11 * 1024 * 1024]);
        assertThat(big.status()).isEqualTo(413);
        assertThat(big.json().get("detail").asString()).contains("10 MB");

        Api.Response english = reporter.inLanguage("en").multipart("POST", "/api/v1/reports", Map.of(), null, null);
        assertThat(english.json().get("detail").asString()).startsWith("Say where");
        assertThat(reporter.get("/api/v1/me/reports").json()).as("nothing refused was stored").isEmpty();
        assertThat(api().multipart("POST", "/api/v1/reports", Map.of("where", "淘宝", "text", "文字"), null, null).status())
                .isEqualTo(401);
    }

    @Test
    @DisplayName("a user may file five reports in 24 hours; the sixth is refused with 429 and says when to try again")
    void rateLimited() {
        Api reporter = api().newMember();
        for (int i = 0; i < 5; i++) {
            Api.Response r = reporter.multipart("POST", "/api/v1/reports",
                    Map.of("where", "群" + i, "text", "第" + i + "次看到有人卖资料：" + Words.unique()), null, null);
            assertThat(r.status()).as(r.text()).isEqualTo(201);
        }
        Api.Response sixth = reporter.multipart("POST", "/api/v1/reports", Map.of("where", "群6", "text", "又一次"), null, null);
        assertThat(sixth.status()).isEqualTo(429);
        assertThat(sixth.json().get("code").asString()).isEqualTo("REPORT_LIMIT_REACHED");
        assertThat(sixth.json().get("detail").asString()).contains("24 小时内最多可提交 5 次举报", "之后再提交");
        assertThat(reporter.get("/api/v1/me/reports").json()).hasSize(5);
        assertThat(api().newMember().multipart("POST", "/api/v1/reports", Map.of("where", "群", "text", "别人不受影响"),
                null, null).status()).isEqualTo(201);
    }

    @Test
    @DisplayName("editors review and decide; members may not see the queue")
    void editorsOnly() {
        Api editor = api().newMember();
        accounts.setRoles(accounts.findByEmail(Api.ADMIN_EMAIL).orElseThrow().id(), editor.userId(), EnumSet.of(Role.EDITOR));
        Api reporter = api().newMember();
        Api.Response filed = reporter.multipart("POST", "/api/v1/reports", Map.of("where", "某网盘", "text", "一段无关文字"),
                null, null);
        String reportId = filed.json().get("reportId").asString();
        assertThat(reporter.get("/api/v1/admin/reports").status()).isEqualTo(403);
        assertThat(reporter.post("/api/v1/admin/reports/" + reportId + "/reject", Map.of("reason", "自己驳回")).status())
                .isEqualTo(403);

        JsonNode queued = find(editor.get("/api/v1/admin/reports").json(), reportId);
        assertThat(queued.get("trace").get("verdict").asString()).isEqualTo("INCONCLUSIVE");
        Api.Response noOne = editor.post("/api/v1/admin/reports/" + reportId + "/uphold", Map.of());
        assertThat(noOne.status()).isEqualTo(422);
        assertThat(noOne.json().get("code").asString()).isEqualTo("LEAKERS_REQUIRED");
        Api.Response staff = editor.post("/api/v1/admin/reports/" + reportId + "/uphold",
                Map.of("userIds", List.of(editor.userId())));
        assertThat(staff.json().get("code").asString()).isEqualTo("STAFF_ACCOUNT");
        assertThat(editor.post("/api/v1/admin/reports/" + reportId + "/reject", Map.of("reason", "文字与本站资料无关")).json()
                .get("decidedBy").get("userId").asString()).isEqualTo(editor.userId());
        assertThat(editor.get("/api/v1/admin/reports/nope").status()).isEqualTo(404);
    }

    /** A free material the victim reads, and the victim's invisible payload taken from their copy of it. */
    private String victimPayload(Api admin, Api victim) {
        Map<String, String> fields = new java.util.HashMap<>();
        fields.put("text", Speeches.RURAL_MEETING.replace("抓好农田水利", "抓好" + Words.unique()));
        fields.put("tier", "FREE");
        String free = admin.multipart("POST", "/api/v1/admin/materials", fields, null, null).json().get("materialId").asString();
        return TraceSimulation.payloadIn(victim.get("/api/v1/materials/" + free).json().get("text").asString())
                .orElseThrow();
    }

    @Test
    @DisplayName("a leaker reporting a victim with the victim's payload spread through the leaker's own excerpt: the victim is not named, not suspended by default, and nobody is rewarded")
    void framedVictim() {
        Leak leak = leak();
        Api victim = api().newMember();
        grant(leak.admin(), victim.userId());
        victim.get("/api/v1/materials/" + leak.materialId());
        String payload = victimPayload(leak.admin(), victim);
        String own = Marked.visible(leak.leaker().get("/api/v1/materials/" + leak.materialId()).json().get("text").asString());
        String forged = TraceSimulation.sprinkle(own.substring(1_000, 3_000), payload, 80);

        Api.Response filed = leak.leaker().multipart("POST", "/api/v1/reports",
                Map.of("where", "闲鱼店铺“公文小铺”", "text", forged), null, null);
        assertThat(filed.status()).as(filed.text()).isEqualTo(201);
        String reportId = filed.json().get("reportId").asString();
        JsonNode trace = leak.admin().get("/api/v1/admin/reports/" + reportId).json().get("report").get("trace");
        assertThat(trace.get("suspects").findValuesAsString("userId")).doesNotContain(victim.userId());
        JsonNode pointer = trace.get("pointers").get(0);
        assertThat(pointer.get("userId").asString()).isEqualTo(victim.userId());
        assertThat(pointer.get("consistent").asBoolean()).isFalse();
        assertThat(trace.get("reporter").get("userId").asString()).isEqualTo(leak.leakerId());
        assertThat(trace.get("reporter").get("aboveChance").asBoolean()).as(trace.toString()).isTrue();

        // upholding as the tracer found: the victim keeps their account, and a leaker reporting themselves earns nothing
        Api.Response upheld = leak.admin().post("/api/v1/admin/reports/" + reportId + "/uphold", Map.of());
        if (upheld.status() == 200) {
            assertThat(upheld.json().get("namedAccounts").findValuesAsString("userId")).containsExactly(leak.leakerId());
            assertThat(upheld.json().get("outcome").asString()).isEqualTo("SELF_REPORT");
        } else {
            assertThat(upheld.json().get("code").asString()).isEqualTo("LEAKERS_REQUIRED");
        }
        assertThat(accounts.get(victim.userId()).suspended()).isFalse();
        assertThat(leak.admin().get("/api/v1/admin/reports/" + reportId).json().get("report").get("reward").isNull()).isTrue();
    }

    @Test
    @DisplayName("evidence cut from the reporter's own copy earns no reward by default, even when an editor names someone else; an editor may still choose to reward")
    void reporterImplicated() {
        Leak leak = leak();
        Api victim = api().newMember();
        grant(leak.admin(), victim.userId());
        victim.get("/api/v1/materials/" + leak.materialId());
        String own = Marked.visible(leak.leaker().get("/api/v1/materials/" + leak.materialId()).json().get("text").asString());

        String first = leak.leaker().multipart("POST", "/api/v1/reports",
                Map.of("where", "某QQ群", "text", own.substring(500, 2_000)), null, null).json().get("reportId").asString();
        JsonNode decided = leak.admin().post("/api/v1/admin/reports/" + first + "/uphold",
                Map.of("userIds", List.of(victim.userId()))).json();
        assertThat(decided.get("outcome").asString()).as(decided.toString()).isEqualTo("REPORTER_IMPLICATED");
        assertThat(decided.get("reward").isNull()).isTrue();
        assertThat(leak.leaker().get("/api/v1/me/reports").json().get(0).get("outcome").asString())
                .isEqualTo("REPORTER_IMPLICATED");

        Api other = api().newMember();
        grant(leak.admin(), other.userId());
        other.get("/api/v1/materials/" + leak.materialId());
        String second = leak.leaker().multipart("POST", "/api/v1/reports",
                Map.of("where", "另一个群", "text", own.substring(2_000, 3_500)), null, null).json().get("reportId").asString();
        JsonNode rewarded = leak.admin().post("/api/v1/admin/reports/" + second + "/uphold",
                Map.of("userIds", List.of(other.userId()), "rewardAnyway", true)).json();
        assertThat(rewarded.get("outcome").asString()).isEqualTo("REWARDED");
    }
}
