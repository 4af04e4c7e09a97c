package org.scriptorium.reports;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.scriptorium.common.Rejected;
import org.scriptorium.common.ScriptoriumProperties;
import org.scriptorium.delivery.DeliveredDocument;
import org.scriptorium.delivery.DeliveredParagraph;
import org.scriptorium.delivery.DeliveredParagraph.Style;
import org.scriptorium.delivery.DeliveryLedger;
import org.scriptorium.tracer.LeakedText;
import org.scriptorium.tracer.Probabilities;
import org.scriptorium.delivery.PdfWriter;
import org.scriptorium.library.Material;
import org.scriptorium.library.Materials;
import org.scriptorium.tracer.TraceResult;
import org.springframework.stereotype.Component;

/**
 * The evidence pack of a case as a PDF, laid out by the library's own {@link PdfWriter} with its embedded Chinese
 * fonts: the case, the evidence (with each file's SHA-256, so the pack can be checked against the files kept), the
 * tracer's result with its bound, the ledger rows behind it, every decision with its author, and the reporter's
 * history. It is what an operator hands to a platform or a lawyer.
 */
@Component
class CaseFile {

    /** Long evidence is cut in the pack (the files themselves are kept whole): a pack is read, not searched. */
    static final int MAX_EVIDENCE_CHARACTERS = 6000;
    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
    private static final String[] NUMBERS = {"一", "二", "三", "四", "五", "六", "七", "八", "九", "十"};

    private final PdfWriter writer = new PdfWriter();
    private final Materials materials;
    private final Clock clock;
    private final ZoneId zone;
    private final String siteName;

    CaseFile(Materials materials, Clock clock, ScriptoriumProperties properties) {
        this.materials = materials;
        this.clock = clock;
        this.zone = properties.zone();
        this.siteName = properties.siteName();
    }

    /**
     * @param evidence the stored bytes of the case's files, in the order of {@link Report#files()} (null where lost)
     * @param editor   who asks for the pack, printed on every page
     */
    byte[] write(CaseReview.CaseDetail detail, List<CaseReview.EvidenceDownload> evidence, Report.Person editor) {
        Report r = detail.report();
        Sections doc = new Sections();

        doc.section("案件概况");
        doc.line("案件编号：" + r.id());
        doc.line("类型：" + r.kind().label());
        doc.line("状态：" + r.status().label() + (r.outcome() == null ? "" : "（" + r.outcome().label() + "）"));
        doc.line("提交时间：" + minute(r.filedAt()));
        if (r.reporter() != null) {
            doc.line("举报人：会员 " + r.reporter().label() + "（" + r.reporter().displayName() + "）");
        }
        if (r.subject() != null) {
            doc.line("涉及账号：会员 " + r.subject().label() + "（" + r.subject().displayName() + "）");
        }
        if (r.where() != null) {
            doc.line("发现倒卖的地方：" + r.where());
        }
        if (r.statement() != null) {
            doc.line("举报说明：" + r.statement());
        }
        if (r.signalDetail() != null) {
            doc.line("系统观察到：" + r.signalDetail());
        }

        doc.section("证据");
        if (r.evidenceText() != null) {
            doc.subsection("粘贴的文字（" + r.evidenceText().length() + " 字，SHA-256 " + Reports.sha256(r.evidenceText()) + "）");
            doc.excerpt(r.evidenceText());
        }
        if (!r.files().isEmpty()) {
            doc.subsection("上传的文件");
            for (int i = 0; i < r.files().size(); i++) {
                Report.EvidenceFile f = r.files().get(i);
                byte[] content = i < evidence.size() ? evidence.get(i).content() : null;
                doc.line((i + 1) + ". " + f.name() + "（" + f.mediaType() + "，" + f.size() + " 字节，SHA-256 "
                        + f.sha256() + "）" + (content == null ? "〔文件内容已丢失〕" : ""));
                if (f.traced() && content != null) {
                    doc.excerpt(fileText(f.name(), content));
                } else if (!f.traced()) {
                    doc.line("（图片，作为附件保存，未做文字追踪）");
                }
            }
        }
        if (r.evidenceText() == null && r.files().isEmpty()) {
            doc.line("无（系统信号，证据见交付记录）。");
        }

        doc.section("追踪结果");
        Map<String, String> titles = new HashMap<>();
        if (r.trace() == null) {
            doc.line(r.traceNote() == null ? "未追踪。" : r.traceNote());
        } else {
            TraceResult t = r.trace();
            doc.line("结论：" + (t.verdict() == TraceResult.Verdict.ACCUSE ? "可以认定" : "证据不足")
                    + (t.reason() == null ? "" : "。" + t.reason()));
            doc.line("阈值：误判任何一位无辜会员的概率不超过 " + number(t.threshold()) + "。");
            doc.subsection("来源资料");
            if (t.materials().isEmpty()) {
                doc.line("无。");
            }
            for (TraceResult.SourceMaterial m : t.materials()) {
                titles.put(m.materialId(), m.title());
                doc.line("《" + m.title() + "》第 " + m.revision() + " 版，覆盖证据的 "
                        + Math.round(m.coverage() * 100) + "%（资料编号 " + m.materialId() + "）");
            }
            doc.subsection("涉嫌泄露的会员");
            if (t.suspects().isEmpty()) {
                doc.line("无：没有任何会员的误判上界低于阈值，不指认任何人。");
            }
            for (TraceResult.Suspect s : t.suspects()) {
                TraceResult.Layers l = s.layers();
                doc.line("会员 " + s.memberNumber() + " " + s.email() + "：得分 "
                        + String.format(Locale.ROOT, "%.1f", s.score()) + "，误判上界 " + number(s.falseAccusationBound())
                        + "（依据" + s.basis() + "）；稳健层读到 " + l.robust().positions() + " 个位置，隐形标记 "
                        + l.fragilePayloads() + " 处，文件痕迹 " + l.fileTokens() + " 处（只作佐证）。");
            }
            if (t.evidence() != null) {
                doc.line("证据 " + t.evidence().pieces() + " 份（内容不同的 " + t.evidence().distinctPieces() + " 份），读取标记 "
                        + t.evidence().reads() + " 次，去重后 " + t.evidence().positions() + " 个不同位置。");
            }
            if (!t.notes().isEmpty()) {
                doc.subsection("关于证据");
                for (TraceResult.Note n : t.notes()) {
                    doc.line(n.detail() + "（" + n.code() + "）");
                }
            }
            if (!t.pointers().isEmpty()) {
                doc.subsection("隐形标记与文件痕迹（只作佐证）");
                for (TraceResult.Pointer p : t.pointers()) {
                    doc.line(p.layerLabel() + "：会员 " + p.memberNumber() + (p.email() == null ? "" : " " + p.email())
                            + (p.title() == null ? "" : "，《" + p.title() + "》第 " + p.revision() + " 版") + "，证据「"
                            + p.piece() + "」：" + (p.consistent() ? "与交付记录和稳健层一致。" : "已搁置：" + p.reason()));
                }
            }
            if (t.reporter() != null) {
                doc.line("举报人本人的副本在这些证据上读到 " + t.reporter().positions() + " 个位置，误判上界 "
                        + number(t.reporter().bound()) + (t.reporter().aboveChance() ? "：高于偶然，默认不予奖励。" : "。"));
            }
        }

        doc.section("交付记录");
        if (detail.ledger().isEmpty()) {
            doc.line("无。");
        }
        for (DeliveryLedger.Delivery d : detail.ledger()) {
            String title = titles.computeIfAbsent(d.materialId(),
                    id -> materials.find(id).map(Material::title).orElse(id));
            doc.line(minute(d.deliveredAt()) + " · 会员 " + d.memberNumber() + " " + d.email() + " · 《" + title
                    + "》第 " + d.revision() + " 版 · " + d.format() + " · " + (d.address() == null ? "地址未知" : d.address())
                    + (d.userAgent() == null ? "" : " · " + d.userAgent()));
        }

        doc.section("处理记录");
        if (detail.decisions().isEmpty()) {
            doc.line("尚未处理。");
        }
        for (Decision d : detail.decisions()) {
            doc.line(minute(d.at()) + " · " + (d.actor() == null ? "系统" : d.actor().label()) + " · " + d.action().label()
                    + (d.reason() == null ? "" : " · 理由：" + d.reason())
                    + (d.detail() == null ? "" : " · " + d.detail()));
        }
        if (!r.namedAccounts().isEmpty()) {
            doc.line("认定的泄露账号：" + String.join("、", r.namedAccounts().stream()
                    .map(p -> p.label() + (p.suspended() ? "（暂停中）" : "（已恢复）")).toList()));
        }
        if (r.reward() != null) {
            doc.line("奖励：「" + r.reward().planName() + "」" + r.reward().days() + " 天，举报人会员期至 "
                    + minute(r.reward().endsAt()) + "。");
        }

        if (r.reporter() != null) {
            doc.section("举报人的其他举报");
            if (detail.reporterHistory().isEmpty()) {
                doc.line("无。");
            }
            for (ReportSummary s : detail.reporterHistory()) {
                doc.line(minute(s.filedAt()) + " · 案件 " + s.reportId() + " · " + s.where() + " · " + s.status().label()
                        + (s.outcome() == null ? "" : "（" + s.outcome().label() + "）")
                        + (s.reason() == null ? "" : " · " + s.reason()));
            }
        }

        String notice = "内部案卷 仅供核查 · " + siteName + " · 生成于 " + minute(clock.instant())
                + (editor == null ? "" : " · " + editor.label());
        return writer.write(new DeliveredDocument("倒卖举报案卷 " + r.id(), doc.paragraphs, notice));
    }

    /** The text of a traced file as the tracer read it; a file that no longer reads says so instead. */
    private static String fileText(String name, byte[] content) {
        try {
            return LeakedText.extract(name, content, Long.MAX_VALUE);
        } catch (Rejected e) {
            return "（无法读取文字：" + e.chinese() + "）";
        }
    }

    private String minute(Instant instant) {
        return instant == null ? "" : MINUTE.format(instant.atZone(zone));
    }

    private static String number(double value) {
        return Probabilities.plain(value);
    }

    /** Numbered sections and their lines, as the document's paragraphs. */
    private static final class Sections {

        final List<DeliveredParagraph> paragraphs = new ArrayList<>();
        private int section;
        private int subsection;

        void section(String heading) {
            subsection = 0;
            paragraphs.add(new DeliveredParagraph(Style.HEADING_1, NUMBERS[section++] + "、" + heading));
        }

        void subsection(String heading) {
            paragraphs.add(new DeliveredParagraph(Style.HEADING_2, "（" + NUMBERS[subsection++] + "）" + heading));
        }

        void line(String text) {
            paragraphs.add(new DeliveredParagraph(Style.BODY, text));
        }

        /** The evidence for reading: its invisible marks are left out (the files, kept whole, still carry them). */
        void excerpt(String text) {
            StringBuilder visible = new StringBuilder(text.length());
            text.codePoints().filter(c -> Character.getType(c) != Character.FORMAT).forEach(visible::appendCodePoint);
            String body = visible.toString().strip();
            if (body.length() > MAX_EVIDENCE_CHARACTERS) {
                body = body.substring(0, MAX_EVIDENCE_CHARACTERS) + "……（以下省略 "
                        + (body.length() - MAX_EVIDENCE_CHARACTERS) + " 字，全文见原件）";
            }
            paragraphs.add(new DeliveredParagraph(Style.SALUTATION, body));
        }
    }
}
