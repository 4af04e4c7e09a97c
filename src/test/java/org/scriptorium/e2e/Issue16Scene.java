package org.scriptorium.e2e;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.UUID;
import javax.imageio.ImageIO;
import org.scriptorium.support.Api;
import org.scriptorium.support.Speeches;

/**
 * The pages issue 16 added, filled as people would see them after a while: a plan on sale, a member with a code,
 * a favourite, a download and a question answered; a members' group with a pinned announcement, a long message, a
 * reply and an image; a visitor's question in the staff's inbox. For the browser tests that look at those pages
 * (accessibility, phone layout).
 */
record Issue16Scene(String memberEmail, String materialId, String groupId, String consultationId) {

    /** A long message with an unbroken run of Latin characters, the kind that pushes a phone's page wider. */
    static final String LONG_MESSAGE = "各位同事：明天上午九点在三楼会议室召开季度工作推进会，请各科室负责人提前准备汇报材料，"
            + "重点说明上季度目标完成情况、存在的主要问题和下一步工作打算。材料请于今晚十点前发至 "
            + "https://example.org/shared/quarterly-meeting-materials-2026-q4-final-version-please-read.docx ，"
            + "逾期未交的科室请在会上当面说明原因。";

    static Issue16Scene build(Api api) {
        Api admin = api.asAdmin();
        String planId = admin.post("/api/v1/admin/plans", Map.of("name", "年度会员", "durationDays", 365,
                "backCatalogDays", 1095, "price", 199, "description", "一年内阅读和下载全部会员资料，含往年精选范文。",
                "shopUrl", "https://shop.example.com/item/20261206")).json().get("id").asString();
        String code = admin.post("/api/v1/admin/plans/" + planId + "/codes", Map.of("count", 1, "channel", "淘宝"))
                .json().get("codes").get(0).asString();
        String material = admin.multipart("POST", "/api/v1/admin/materials", Map.of("text", Speeches.RURAL_MEETING),
                null, null).json().get("materialId").asString();

        String email = "scene-" + UUID.randomUUID().toString().substring(0, 8) + "@test.example";
        Api member = api.newMember(email);
        expect(member.post("/api/v1/me/redeem", Map.of("code", code)), 200);
        member.put("/api/v1/me/favourites/" + material, null);
        member.get("/api/v1/materials/" + material + "/download?format=txt");
        String consultation = member.post("/api/v1/consultations", Map.of("subject", "续费问题",
                "text", "我的会员下个月到期，续费后原来的下载记录还在吗？")).json().get("id").asString();
        admin.post("/api/v1/admin/consultations/" + consultation + "/answer",
                Map.of("text", "在的，续费后有效期顺延，收藏、历史和下载记录都保留。"));
        api.post("/api/v1/consultations", Map.of("subject", "如何购买", "text", "请问激活码在哪里买？",
                "email", "visitor-" + UUID.randomUUID().toString().substring(0, 6) + "@test.example"));

        String group = admin.post("/api/v1/admin/groups", Map.of("name", "会员交流群", "kind", "MEMBERS",
                "description", "会员交流写作经验；请勿转发会员资料原文。", "externalLabel", "QQ群",
                "externalNumber", "123456789")).json().get("id").asString();
        String messages = "/api/v1/groups/" + group + "/messages";
        expect(admin.post(messages, Map.of("text", "群公告：本群仅限会员交流，广告和资料外传一律移出。", "pinned", true)), 201);
        Api other = api.newMember();
        admin.post("/api/v1/admin/users/" + other.userId() + "/grant", Map.of("planId", planId));
        String long_ = other.post(messages, Map.of("text", LONG_MESSAGE)).json().get("id").asString();
        expect(member.post(messages, Map.of("text", "收到，材料已经在准备了。", "replyTo", long_)), 201);
        expect(other.multipart("POST", messages, Map.of("text", "会议室座位图"), "seats.png", png()), 201);
        return new Issue16Scene(email, material, group, consultation);
    }

    private static void expect(Api.Response response, int status) {
        if (response.status() != status) {
            throw new IllegalStateException("setting the scene: " + response.status() + " " + response.text());
        }
    }

    /** A picture wider than a phone, as a photo of a seating plan would be. */
    private static byte[] png() {
        BufferedImage image = new BufferedImage(1200, 600, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(new Color(0xf2f4f7));
        g.fillRect(0, 0, 1200, 600);
        g.setColor(new Color(0xb42318));
        g.fillRect(100, 100, 1000, 400);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
