package org.scriptorium.audit;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.List;
import org.scriptorium.common.Rejected;
import org.scriptorium.common.Rejects;
import org.scriptorium.common.ScriptoriumProperties;
import org.scriptorium.common.TimeInput;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;

/**
 * The audit log for administrators: the page with filters, the JSON API and the CSV export, all reading the same
 * filter (actor, action, target id, from and to, dates in the library's zone, both days included).
 */
@Controller
class AuditPages {

    static final String PAGE = "audit/log";
    private static final int PAGE_ROWS = 500;
    private static final DateTimeFormatter FILE_DAY = DateTimeFormatter.ofPattern("yyyyMMdd");

    private final AuditLog log;
    private final Clock clock;
    private final ZoneId zone;

    AuditPages(AuditLog log, Clock clock, ScriptoriumProperties properties) {
        this.log = log;
        this.clock = clock;
        this.zone = properties.zone();
    }

    @GetMapping("/admin/audit")
    String page(@RequestParam(required = false) String actor, @RequestParam(required = false) String action,
                @RequestParam(required = false) String target, @RequestParam(required = false) String from,
                @RequestParam(required = false) String to, Model model) {
        model.addAttribute("actor", actor);
        model.addAttribute("action", action);
        model.addAttribute("target", target);
        model.addAttribute("from", from);
        model.addAttribute("to", to);
        model.addAttribute("actions", AuditAction.values());
        try {
            model.addAttribute("entries", log.find(filter(actor, action, target, from, to), PAGE_ROWS));
        } catch (Rejected e) {
            model.addAttribute("error", e.chinese());
            model.addAttribute("entries", List.of());
        }
        model.addAttribute("limit", PAGE_ROWS);
        return PAGE;
    }

    @Operation(summary = "The audit log as CSV", description = "Filtered as the log is.")
    @ApiResponse(responseCode = "200", description = "The CSV file, as an attachment.",
            content = @Content(mediaType = "text/csv", schema = @Schema(type = "string")))
    @Rejects(status = 422, codes = {"UNKNOWN_ACTION", "INVALID_TIME"})
    @GetMapping({"/admin/audit/export.csv", "/api/v1/admin/audit/export"})
    @ResponseBody // for the API description: a @Controller's handler is described only with it
    ResponseEntity<byte[]> export(@RequestParam(required = false) String actor, @RequestParam(required = false) String action,
                                  @RequestParam(required = false) String target, @RequestParam(required = false) String from,
                                  @RequestParam(required = false) String to) {
        String csv = log.csv(filter(actor, action, target, from, to));
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename("操作日志-" + FILE_DAY.format(clock.instant().atZone(zone)) + ".csv", StandardCharsets.UTF_8)
                        .build().toString())
                .header(HttpHeaders.CACHE_CONTROL, "private, no-store")
                .contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
                .body(csv.getBytes(StandardCharsets.UTF_8));
    }

    @Operation(operationId = "auditLog", summary = "The audit log", description = "Who did what and when, with the state "
            + "before and after; filtered by actor, action, target id and dates (`from`, `to`: ISO dates or times).")
    @Rejects(status = 422, codes = {"UNKNOWN_ACTION", "INVALID_TIME"})
    @GetMapping("/api/v1/admin/audit")
    @ResponseBody
    List<AuditEntry> api(@RequestParam(required = false) String actor, @RequestParam(required = false) String action,
                         @RequestParam(required = false) String target, @RequestParam(required = false) String from,
                         @RequestParam(required = false) String to, @RequestParam(defaultValue = "500") @Min(1) @Max(AuditLog.MAX_EXPORT) int limit) {
        return log.find(filter(actor, action, target, from, to), limit);
    }

    /**
     * @throws Rejected 422 for an unknown action or a time that does not parse
     */
    private AuditFilter filter(String actor, String action, String target, String from, String to) {
        AuditAction chosen = null;
        if (action != null && !action.isBlank()) {
            chosen = Arrays.stream(AuditAction.values()).filter(a -> a.name().equals(action.strip())).findFirst()
                    .orElseThrow(() -> Rejected.invalid("UNKNOWN_ACTION", "没有这种操作：" + action,
                            "No such action: " + action));
        }
        Instant until = TimeInput.parse("to", to, zone);
        // A date alone means the whole of that day.
        if (until != null && to.strip().length() == 10) {
            until = until.plus(Duration.ofDays(1));
        }
        return new AuditFilter(actor, chosen, target, TimeInput.parse("from", from, zone), until);
    }
}
