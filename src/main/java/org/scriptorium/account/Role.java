package org.scriptorium.account;

/** What an account may do. Every account is a MEMBER; EDITOR and ADMIN are the operator's staff. */
public enum Role {
    MEMBER, EDITOR, ADMIN
}
