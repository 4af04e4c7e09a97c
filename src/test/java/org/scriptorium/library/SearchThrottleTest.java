package org.scriptorium.library;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.scriptorium.common.Rejected;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

class SearchThrottleTest {

    private final TokenBucketsTest.HandClock clock = new TokenBucketsTest.HandClock();
    private final SearchThrottle throttle = new SearchThrottle(true, new TokenBuckets(3, 60, 100, clock),
            new TokenBuckets(2, 60, 100, clock));

    private MockHttpServletResponse from(String address) {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/v1/materials");
        request.setRemoteAddr(address);
        MockHttpServletResponse response = new MockHttpServletResponse();
        RequestContextHolder.setRequestAttributes(new ServletRequestAttributes(request, response));
        return response;
    }

    @AfterEach
    void clear() {
        RequestContextHolder.resetRequestAttributes();
    }

    @Test
    @DisplayName("an address over its burst gets 429 RATE_LIMITED with Retry-After; another address does not")
    void perAddress() {
        for (int i = 0; i < 3; i++) {
            from("192.0.2.1");
            throttle.check(Optional.empty());
        }
        MockHttpServletResponse response = from("192.0.2.1");
        assertThatThrownBy(() -> throttle.check(Optional.empty())).isInstanceOfSatisfying(Rejected.class, e -> {
            assertThat(e.status()).isEqualTo(429);
            assertThat(e.code()).isEqualTo("RATE_LIMITED");
            assertThat(e.chinese()).contains("1 秒后再试");
        });
        assertThat(response.getHeader("Retry-After")).isEqualTo("1");
        from("192.0.2.2");
        throttle.check(Optional.empty());
        clock.pass(Duration.ofSeconds(1));
        from("192.0.2.1");
        throttle.check(Optional.empty());
    }

    @Test
    @DisplayName("an account is limited across addresses")
    void perAccount() {
        from("192.0.2.10");
        throttle.check(Optional.of("u1"));
        from("192.0.2.11");
        throttle.check(Optional.of("u1"));
        from("192.0.2.12");
        assertThatThrownBy(() -> throttle.check(Optional.of("u1"))).isInstanceOf(Rejected.class);
        throttle.check(Optional.of("u2"));
    }

    @Test
    @DisplayName("turned off, nothing is limited")
    void off() {
        SearchThrottle off = new SearchThrottle(false, new TokenBuckets(1, 1, 1, clock), new TokenBuckets(1, 1, 1, clock));
        for (int i = 0; i < 10; i++) {
            from("192.0.2.1");
            off.check(Optional.of("u1"));
        }
    }
}
