package org.scriptorium.tracer;

import java.util.ArrayList;
import java.util.List;
import org.scriptorium.common.Rejected;
import org.scriptorium.delivery.FileTraces;
import org.scriptorium.common.ScriptoriumProperties;
import org.springframework.stereotype.Component;

/** Turns what an operator submits (files and pasted text) into leaks the tracer reads, refusing what it cannot read. */
@Component
public class LeakIntake {

    /** A bundle larger than this in all is refused: a reseller's bundle of hundreds of materials still fits. */
    static final long MAX_BUNDLE_BYTES = 50L * 1024 * 1024;

    private final long maxFileBytes;

    LeakIntake(ScriptoriumProperties properties) {
        this.maxFileBytes = properties.upload().maxSize().toBytes();
    }

    /** One submitted file. */
    public record SubmittedFile(String name, byte[] content) {
    }

    /**
     * @throws Rejected 422 when nothing was submitted or a file is unreadable, 413 when a file or the bundle is too large
     */
    public List<Leak> leaks(List<SubmittedFile> files, String pastedText) {
        List<Leak> leaks = new ArrayList<>();
        long total = 0;
        for (SubmittedFile file : files) {
            total += file.content().length;
            if (total > MAX_BUNDLE_BYTES) {
                throw new Rejected(413, "BUNDLE_TOO_LARGE", "提交的文件合计超过 50 MB，请分批追踪。",
                        "The files exceed 50 MB in all; trace them in parts.");
            }
            String text = LeakedText.extract(file.name(), file.content(), maxFileBytes);
            leaks.add(new Leak(file.name(), text, FileTraces.read(file.name(), file.content())));
        }
        if (pastedText != null && !pastedText.isBlank()) {
            leaks.add(new Leak("粘贴的文本", pastedText, List.of()));
        }
        if (leaks.isEmpty()) {
            throw Rejected.invalid("NOTHING_TO_TRACE", "请上传泄露的文件（.txt、.docx、.pdf）或粘贴文本。",
                    "Upload the leaked files (.txt, .docx, .pdf) or paste the text.");
        }
        return leaks;
    }
}
