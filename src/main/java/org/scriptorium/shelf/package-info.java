/**
 * The reader's shelf (issue 16, reader basics): 收藏 (favourites), 阅读记录 (the materials they opened, newest first)
 * and 我的下载 (the files the delivery ledger recorded for them), on {@code /me} and under {@code /api/v1/me}.
 *
 * <p>Every list is the caller's own and names materials only as the entitlement gate
 * ({@link org.scriptorium.library.MaterialAccess}) lets the caller see them: title, kind and tier for a material
 * they may open, nothing but "withdrawn" for one they no longer may. No list carries a line of material text.
 */
package org.scriptorium.shelf;
