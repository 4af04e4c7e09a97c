package org.scriptorium.library;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.scriptorium.common.ScriptoriumProperties;
import org.scriptorium.membership.Memberships;
import org.scriptorium.membership.Tier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

/**
 * Offers the demo materials (written for this project, under {@code demo/}) and two plans when the library is
 * empty, so a new operator sees a working library at once. Off with {@code scriptorium.demo.enabled=false}.
 */
@Component
@Order(10)
class DemoLibrary implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(DemoLibrary.class);

    private final Materials materials;
    private final Memberships memberships;
    private final Clock clock;
    private final boolean enabled;

    DemoLibrary(Materials materials, Memberships memberships, Clock clock, ScriptoriumProperties properties) {
        this.materials = materials;
        this.memberships = memberships;
        this.clock = clock;
        this.enabled = properties.demo() != null && properties.demo().enabled();
    }

    @Override
    public void run(ApplicationArguments args) {
        if (enabled && materials.count() == 0) {
            load();
        }
    }

    /** Imports every demo material and, when there are no plans yet, a 3-year and a 1-year plan. */
    void load() {
        List<String> rows = read("demo/materials.tsv").lines().skip(1).filter(l -> !l.isBlank()).toList();
        for (String row : rows) {
            String[] f = row.split("\t");
            MaterialDraft draft = new MaterialDraft(read("demo/" + f[0]), null, null, Tier.valueOf(f[3]), f[1],
                    Topics.parse(f[2]), clock.instant().minus(Duration.ofDays(Long.parseLong(f[4]))), null, null);
            materials.importMaterial(draft, null);
        }
        if (memberships.plans().isEmpty()) {
            memberships.createPlan("三年会员", 3 * 365, 3 * 365);
            memberships.createPlan("一年会员", 365, 3 * 365);
        }
        log.info("Library was empty: loaded {} demo materials (turn off with scriptorium.demo.enabled=false)", rows.size());
    }

    private static String read(String path) {
        try (InputStream in = new ClassPathResource(path).getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
