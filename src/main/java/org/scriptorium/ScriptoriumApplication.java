package org.scriptorium;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Starts Scriptorium: a self-hosted subscription library of writing materials. */
@SpringBootApplication
public class ScriptoriumApplication {

    public static void main(String[] args) {
        SpringApplication.run(ScriptoriumApplication.class, args);
    }
}
