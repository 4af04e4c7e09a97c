package org.scriptorium.e2e;

import org.springframework.test.context.TestPropertySource;

/**
 * The same journey when the browser cannot reach the stream port (here: an address where nothing listens, as behind
 * a firewall that was not opened): the page gives it up after a few seconds and streams from the main port instead.
 */
@TestPropertySource(properties = "scriptorium.sharing.stream.url=http://127.0.0.1:9/api/v1/events")
class SharingFallbackE2ETest extends SharingE2ETest {

    @Override
    String expectedStream() {
        return "open-main";
    }
}
