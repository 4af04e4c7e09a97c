/**
 * The groups (会员群 / 免费群, issue 16): chat groups created by staff, open to members with an active membership or to
 * every signed-in account in good standing, with messages told live on the event stream, moderation and cleaned
 * images. The public face is {@link org.scriptorium.community.GroupModeration}, the events the audit log records;
 * everything else is internal. The rules ({@link org.scriptorium.community.GroupAccessRule}, the mute and rate rules,
 * the image cleaner) are plain Java.
 */
package org.scriptorium.community;
