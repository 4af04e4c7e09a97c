package org.scriptorium.membership;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.scriptorium.common.Rejected;

@DisplayName("A plan's shop face")
class PlanListingTest {

    private static Rejected refused(BigDecimal price, String description, String url) {
        return (Rejected) org.assertj.core.api.Assertions.catchThrowable(() -> PlanListing.of(price, description, url));
    }

    @Test
    @DisplayName("keeps a price in 元 with up to two decimals and shows it as ¥199 or ¥19.9")
    void price() {
        PlanListing listing = PlanListing.of(new BigDecimal("199.00"), null, null);
        assertThat(listing.price()).isEqualByComparingTo("199");
        assertThat(PlanListing.label(listing.price())).isEqualTo("¥199");
        assertThat(PlanListing.label(PlanListing.of(new BigDecimal("19.90"), null, null).price())).isEqualTo("¥19.9");
        assertThat(PlanListing.label(PlanListing.of(new BigDecimal("2E+2"), null, null).price())).isEqualTo("¥200");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-1", "19.999", "100000.01"})
    @DisplayName("refuses a price not above 0, over 100,000 元 or with more than two decimals")
    void badPrice(String price) {
        Rejected e = refused(new BigDecimal(price), null, null);
        assertThat(e.code()).isEqualTo("INVALID_PRICE");
        assertThat(e.chinese()).contains("价格");
    }

    @Test
    @DisplayName("takes absolute http(s) shop links, trimmed")
    void shopUrl() {
        assertThat(PlanListing.of(null, null, " https://item.taobao.com/item.htm?id=1 ").shopUrl())
                .isEqualTo("https://item.taobao.com/item.htm?id=1");
        assertThat(PlanListing.of(null, null, "http://weidian.com/s/123").shopUrl()).isEqualTo("http://weidian.com/s/123");
    }

    @ParameterizedTest
    @ValueSource(strings = {"javascript:alert(1)", "/plans", "//evil.example/x", "ftp://shop.example/", "https://",
            "https://a b.example/", "https://user:pw@shop.example/", "taobao.com/item"})
    @DisplayName("refuses anything but an absolute http(s) address")
    void badShopUrl(String url) {
        assertThat(refused(null, null, url).code()).isEqualTo("INVALID_SHOP_URL");
    }

    @Test
    @DisplayName("drops blank parts and refuses a description over 500 characters")
    void description() {
        assertThat(PlanListing.of(null, "  ", " ")).isEqualTo(PlanListing.NONE);
        assertThat(refused(null, "字".repeat(501), null).code()).isEqualTo("INVALID_DESCRIPTION");
    }

    @Test
    @DisplayName("a plan is on sale only with a price and a shop, until it is retired")
    void onSale() {
        Instant now = Instant.parse("2026-12-01T00:00:00Z");
        Plan plan = new Plan("p", "一年会员", 365, 1095, now, new BigDecimal("199"), null, "https://shop.example/1", null);
        assertThat(plan.onSale()).isTrue();
        assertThat(new Plan("p", "一年会员", 365, 1095, now, null, null, "https://shop.example/1", null).onSale()).isFalse();
        assertThat(new Plan("p", "一年会员", 365, 1095, now, new BigDecimal("199"), null, null, null).onSale()).isFalse();
        assertThat(new Plan("p", "一年会员", 365, 1095, now, new BigDecimal("199"), null, "https://shop.example/1", now)
                .onSale()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://evil.example/", "//evil.example/", "/\\evil.example", "materials/1", "/a\nb"})
    @DisplayName("redemption returns only to a path on this site")
    void returnPath(String next) {
        assertThat(MembershipPages.localPath(next)).isNull();
        assertThat(MembershipPages.localPath("/materials/ABC?x=1#p3")).isEqualTo("/materials/ABC?x=1#p3");
    }

    @Test
    @DisplayName("an empty price is not a price error")
    void noPrice() {
        assertThat(PlanListing.of(null, "说明", "https://shop.example/").price()).isNull();
        assertThatThrownBy(() -> PlanListing.of(BigDecimal.ZERO, null, null)).isInstanceOf(Rejected.class);
    }
}
