package org.scriptorium.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;

class BrowsersSmokeTest {

  private static final String PAGE = """
      <!doctype html>
      <html lang="zh-CN"><head><meta charset="utf-8"><title>冒烟测试</title></head>
      <body><p>你好，笔杆子</p></body></html>
      """;

  @Test
  void headlessChromiumReadsChineseText() throws Exception {
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", exchange -> {
      byte[] body = PAGE.getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
      exchange.sendResponseHeaders(200, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    });
    server.start();
    WebDriver browser = Browsers.headlessChromium();
    try {
      browser.get("http://127.0.0.1:" + server.getAddress().getPort() + "/");
      assertThat(browser.getTitle()).isEqualTo("冒烟测试");
      assertThat(browser.findElement(By.tagName("body")).getText()).contains("你好，笔杆子");
    } finally {
      browser.quit();
      server.stop(0);
    }
  }
}
