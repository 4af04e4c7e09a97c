package org.scriptorium.tracer;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.scriptorium.common.Rejected;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/** {@code java -jar scriptorium.jar trace FILE...}: traces leaked files against the library and prints the verdict. */
@Component
@Order(5)
class TraceCommand implements ApplicationRunner {

    static final String NAME = "trace";

    private final Tracer tracer;
    private final LeakIntake intake;

    TraceCommand(Tracer tracer, LeakIntake intake) {
        this.tracer = tracer;
        this.intake = intake;
    }

    @Override
    public void run(ApplicationArguments args) throws IOException {
        List<String> words = args.getNonOptionArgs();
        if (words.isEmpty() || !words.getFirst().equals(NAME)) {
            return;
        }
        PrintStream out = System.out;
        List<LeakIntake.SubmittedFile> files = new ArrayList<>();
        for (String name : words.subList(1, words.size())) {
            Path path = Path.of(name);
            if (!Files.isRegularFile(path)) {
                out.println("没有这个文件: " + name);
                return;
            }
            files.add(new LeakIntake.SubmittedFile(path.getFileName().toString(), Files.readAllBytes(path)));
        }
        try {
            print(tracer.trace(intake.leaks(files, null)), out);
        } catch (Rejected e) {
            out.println(e.chinese());
        }
    }

    static void print(TraceResult result, PrintStream out) {
        out.println("结论: " + result.verdict() + (result.reason() == null ? "" : " — " + result.reason()));
        for (TraceResult.SourceMaterial m : result.materials()) {
            out.printf("来源: %s（第 %d 版，覆盖 %.0f%%）%n", m.title(), m.revision(), m.coverage() * 100);
        }
        for (TraceResult.Suspect s : result.suspects()) {
            out.printf("会员 %d %s  得分 %.1f  误判上界 %.2e（依据%s）  稳健层 %d 个位置  隐形标记 %d  文件痕迹 %d%n",
                    s.memberNumber(), s.email(), s.score(), s.falseAccusationBound(), s.basis(),
                    s.layers().robust().positions(), s.layers().fragilePayloads(), s.layers().fileTokens());
        }
        for (TraceResult.Note n : result.notes()) {
            out.println("说明 [" + n.code() + "] " + n.detail());
        }
        for (TraceResult.Pointer p : result.pointers()) {
            out.println(p.layerLabel() + " 会员 " + p.memberNumber() + (p.consistent() ? "：与其余证据一致（只作佐证）" : "：已搁置，" + p.reason()));
        }
    }
}
