package org.scriptorium.tracer;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import org.scriptorium.account.Accounts;
import org.scriptorium.delivery.DeliveryLedger;
import org.scriptorium.library.Materials;
import org.scriptorium.membership.Tier;
import org.scriptorium.tracing.FileToken;
import org.scriptorium.tracing.FragileMark;
import org.scriptorium.tracing.Marks;
import org.scriptorium.tracing.SitesKey;
import org.scriptorium.tracing.VariationSite;
import org.springframework.stereotype.Service;

/**
 * Names the members a leak came from, with a bound on the chance of accusing an innocent one: the {@link LeakTracer}
 * over this library. Revisions and their text come from the library, who received them from the delivery ledger, and
 * the marks from {@link Marks}.
 */
@Service
public class Tracer {

    /** The overall chance of wrongly accusing anyone that the operator accepts. */
    public static final double DEFAULT_THRESHOLD = LeakTracer.DEFAULT_THRESHOLD;

    private final LeakTracer tracer;

    Tracer(Marks marks, Materials materials, Accounts accounts, DeliveryLedger ledger, FingerprintStore fingerprints) {
        this.tracer = new LeakTracer(new LibrarySources(marks, materials, accounts, ledger), new MarksCodebook(marks),
                fingerprints);
    }

    /** Traces a bundle (one or more pieces) with the default threshold. */
    public TraceResult trace(List<Leak> leaks) {
        return tracer.trace(leaks);
    }

    /**
     * Traces a reported bundle: as {@link #trace(List)}, and says how the reporter's own copies score on it.
     *
     * @param reporterId the reporter's account; null for none
     */
    public TraceResult traceReport(List<Leak> leaks, String reporterId) {
        return tracer.trace(leaks, new LeakTracer.Request(DEFAULT_THRESHOLD, reporterId));
    }

    /** The library and the ledger, as the tracer asks them. */
    private record LibrarySources(Marks marks, Materials materials, Accounts accounts, DeliveryLedger ledger)
            implements TraceSources {

        @Override
        public List<RevisionId> delivered() {
            return ledger.deliveredRevisions().stream().map(r -> new RevisionId(r.materialId(), r.revision())).toList();
        }

        @Override
        public Optional<Revision> revision(RevisionId id) {
            return materials.find(id.materialId()).map(m -> new Revision(m.id(), id.revision(), m.title(),
                    m.tier() == Tier.FREE,
                    materials.parse(materials.revision(id.materialId(), id.revision())).paragraphs()));
        }

        /**
         * A recipient's copies carry the sites of the rule set in force at their first copy, left by the vetoes made
         * before it; the vetoes in force at a time are a prefix of the material's veto history, so the prefix's length
         * names them ({@link SitesKey}).
         */
        @Override
        public List<Recipient> recipients(Revision revision) {
            List<Marks.Veto> history = marks.vetoHistory(revision.materialId());
            List<Marks.RuleSetInForce> ruleSets = marks.ruleSetsInForce();
            List<Recipient> out = new ArrayList<>();
            for (DeliveryLedger.Recipient r : ledger.recipients(revision.materialId(), revision.revision())) {
                out.add(new Recipient(new Member(r.userId(), r.memberNumber(), r.email()),
                        new SitesKey(Marks.rulesAt(ruleSets, r.firstDeliveredAt()), vetoesBefore(history, r.firstDeliveredAt()))
                                .toString()));
            }
            return out;
        }

        @Override
        public List<VariationSite> sites(Revision revision, String sitesKey) {
            SitesKey key = SitesKey.parse(sitesKey);
            List<Marks.Veto> history = marks.vetoHistory(revision.materialId());
            int count = Math.min(history.size(), key.vetoes());
            LinkedHashSet<String> vetoes = new LinkedHashSet<>();
            history.subList(0, count).forEach(v -> vetoes.add(v.key()));
            return marks.sites(revision.materialId(), revision.revision(), revision.paragraphs(), vetoes, key.rules());
        }

        @Override
        public Optional<Member> member(long memberNumber) {
            return accounts.findByMemberNumber(memberNumber).map(a -> new Member(a.id(), a.memberNumber(), a.email()));
        }

        private static int vetoesBefore(List<Marks.Veto> history, Instant at) {
            int n = 0;
            while (n < history.size() && !history.get(n).at().isAfter(at)) {
                n++;
            }
            return n;
        }
    }

    /** The marks' keyed functions. */
    private record MarksCodebook(Marks marks) implements Codebook {

        @Override
        public double bias(String positionKey) {
            return marks.bias(positionKey);
        }

        @Override
        public boolean symbol(long memberNumber, String positionKey) {
            return marks.symbol(memberNumber, positionKey);
        }

        @Override
        public List<FragileMark.Payload> payloads(String text) {
            return marks.payloads(text);
        }

        @Override
        public Optional<FileToken.Owner> token(String token) {
            return marks.readToken(token);
        }

        @Override
        public long revisionTag(String revisionKey) {
            return marks.revisionTag(revisionKey);
        }
    }
}
