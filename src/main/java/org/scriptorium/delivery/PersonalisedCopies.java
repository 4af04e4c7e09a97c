package org.scriptorium.delivery;

import java.util.List;
import org.scriptorium.account.Account;
import org.scriptorium.account.Accounts;
import org.scriptorium.common.ScriptoriumProperties;
import org.scriptorium.library.Copies;
import org.scriptorium.library.Material;
import org.scriptorium.tracing.Marks;
import org.springframework.stereotype.Service;

/** Every copy of member text: marked for its reader by {@link Marks}, then written to the ledger. */
@Service
class PersonalisedCopies implements Copies {

    private final Marks marks;
    private final Accounts accounts;
    private final DeliveryLedger ledger;
    private final String siteName;

    PersonalisedCopies(Marks marks, Accounts accounts, DeliveryLedger ledger, ScriptoriumProperties properties) {
        this.marks = marks;
        this.accounts = accounts;
        this.ledger = ledger;
        this.siteName = properties.siteName();
    }

    @Override
    public Copy deliver(String userId, Material material, int revision, List<String> paragraphs, Channel channel) {
        Account reader = accounts.get(userId);
        Marks.MarkedCopy copy = marks.mark(material.id(), revision, paragraphs, reader.memberNumber());
        ledger.record(userId, material.id(), revision, channel.code());
        return new Copy(copy.paragraphs(), notice(reader), copy.fileToken());
    }

    /**
     * The visible notice on every copy, a deterrent in one line: whose copy it is, that it can be traced, and whose
     * library it came from. Short enough (33 characters and the site's name) for one footer line at 9 pt across the
     * 156 mm 版心.
     */
    static String notice(long memberNumber, String siteName) {
        return "本文为会员 " + memberNumber + " 的个人副本，含可追溯标记，外传必究 · " + siteName;
    }

    private String notice(Account reader) {
        return notice(reader.memberNumber(), siteName);
    }
}
