/**
 * Outgoing e-mail: {@link org.scriptorium.mail.MailOutbox} queues a {@link org.scriptorium.mail.Letter} in the
 * caller's transaction; letters are sent by SMTP afterwards and retried while the server is down.
 */
package org.scriptorium.mail;
