package org.scriptorium.membership;

import java.math.BigDecimal;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import org.scriptorium.common.Rejected;

/**
 * How a plan is sold: its price in 元, a description and the shop that sells its codes. Every part is optional; a plan
 * is offered only with a price and a shop ({@link Plan#onSale()}).
 *
 * @param price       in 元, at most two decimals
 * @param description free text for buyers
 * @param shopUrl     an absolute http(s) address
 */
public record PlanListing(BigDecimal price, String description, String shopUrl) {

    /** No price, no description, no shop: a plan only granted by hand (a reward, a trial). */
    public static final PlanListing NONE = new PlanListing(null, null, null);

    static final BigDecimal MAX_PRICE = new BigDecimal("100000");
    static final int MAX_DESCRIPTION = 500;
    static final int MAX_URL = 500;

    /**
     * Reads what an operator typed: blank parts are absent, text is trimmed.
     *
     * @throws Rejected 422 {@code INVALID_PRICE} for a price not above 0, over 100,000 元 or with more than two
     *                  decimals; {@code INVALID_DESCRIPTION} for a description over 500 characters;
     *                  {@code INVALID_SHOP_URL} for anything but an absolute http(s) address of at most 500 characters
     */
    public static PlanListing of(BigDecimal price, String description, String shopUrl) {
        if (price != null && (price.signum() <= 0 || price.compareTo(MAX_PRICE) > 0
                || price.stripTrailingZeros().scale() > 2)) {
            throw Rejected.ofField(422, "INVALID_PRICE", "price", "价格须大于 0、不超过 100000 元，最多两位小数。",
                    "The price must be above 0 and at most 100,000 yuan, with at most two decimals.");
        }
        String text = blankToNull(description);
        if (text != null && text.length() > MAX_DESCRIPTION) {
            throw Rejected.ofField(422, "INVALID_DESCRIPTION", "description", "套餐说明最多 500 个字。",
                    "The description may be at most 500 characters long.");
        }
        String url = blankToNull(shopUrl);
        if (url != null && !isShopAddress(url)) {
            throw Rejected.ofField(422, "INVALID_SHOP_URL", "shopUrl",
                    "购买链接须是以 http:// 或 https:// 开头的完整网址（最多 500 个字符）。",
                    "The shop link must be an absolute http:// or https:// address of at most 500 characters.");
        }
        return new PlanListing(price == null ? null : plain(price), text, url);
    }

    /** A price as shown: {@code ¥199}, {@code ¥19.9}; empty for none. */
    static String label(BigDecimal price) {
        return price == null ? "" : "¥" + price.stripTrailingZeros().toPlainString();
    }

    /** 199.00 and 1.99E+2 alike become 199, so the same price is stored and compared the same way. */
    static BigDecimal plain(BigDecimal price) {
        BigDecimal stripped = price.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }

    private static boolean isShopAddress(String url) {
        if (url.length() > MAX_URL || url.chars().anyMatch(c -> c <= ' ' || c == '"' || c == '<' || c == '>')) {
            return false;
        }
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            return (scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null && !uri.getHost().isEmpty()
                    && uri.getUserInfo() == null;
        } catch (URISyntaxException e) {
            return false;
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
