package org.scriptorium.web;

import jakarta.servlet.http.HttpServletRequest;
import org.scriptorium.common.Rejected;
import org.scriptorium.common.ScriptoriumProperties;
import org.scriptorium.storage.StorageFailures;
import org.scriptorium.storage.StorageRecovery;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.BindException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * Turns every failure into the one error format: problem+json under {@code /api}, an error page elsewhere.
 * Unexpected failures are logged and shown without internals.
 */
@ControllerAdvice
class ErrorAdvice {

    private static final Logger log = LoggerFactory.getLogger(ErrorAdvice.class);

    private final ScriptoriumProperties properties;
    private final DataSize maxRequestSize;
    /** Optional so that slice tests of pages need not bring the data source. */
    private final ObjectProvider<StorageRecovery> storage;

    ErrorAdvice(ScriptoriumProperties properties,
                @Value("${spring.servlet.multipart.max-request-size:64MB}") DataSize maxRequestSize,
                ObjectProvider<StorageRecovery> storage) {
        this.properties = properties;
        this.maxRequestSize = maxRequestSize;
        this.storage = storage;
    }

    @ExceptionHandler(Rejected.class)
    Object rejected(Rejected e, HttpServletRequest request) {
        return answer(e, request);
    }

    /** Uploads are limited by bytes: each file by the upload limit, and everything sent at once by the request limit. */
    @ExceptionHandler({MaxUploadSizeExceededException.class})
    Object tooLarge(Exception e, HttpServletRequest request) {
        long mb = properties.upload().maxSize().toMegabytes();
        if (wholeRequest(e)) {
            long all = maxRequestSize.toMegabytes();
            return answer(new Rejected(413, "FILE_TOO_LARGE", "上传的内容合计超过 " + all + " MB 上限（每个文件不超过 " + mb
                    + " MB），请分批上传。", "The upload exceeds " + all + " MB in all (each file at most " + mb
                    + " MB); send it in parts."), request);
        }
        return answer(new Rejected(413, "FILE_TOO_LARGE", "上传的文件超过 " + mb + " MB 上限。",
                "The upload exceeds the " + mb + " MB limit."), request);
    }

    /** Whether the container refused the request as a whole rather than one file in it. */
    private static boolean wholeRequest(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String name = t.getClass().getSimpleName();
            if (name.equals("FileSizeLimitExceededException")) {
                return false;
            }
            if (name.equals("SizeLimitExceededException")) {
                return true;
            }
        }
        return false;
    }

    @ExceptionHandler({HttpMessageNotReadableException.class, MissingServletRequestParameterException.class,
            MethodArgumentTypeMismatchException.class, MultipartException.class, HttpMediaTypeNotSupportedException.class,
            BindException.class})
    Object badRequest(Exception e, HttpServletRequest request) {
        return answer(new Rejected(400, "BAD_REQUEST", "请求格式有误，请检查后重试。",
                "The request is malformed: " + e.getMessage()), request);
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    Object method(Exception e, HttpServletRequest request) {
        return answer(new Rejected(405, "METHOD_NOT_ALLOWED", "不支持该请求方法。", "Method not allowed."), request);
    }

    @ExceptionHandler(NoResourceFoundException.class)
    Object notFound(Exception e, HttpServletRequest request) {
        return answer(Rejected.notFound("NOT_FOUND", "页面不存在。", "Not found."), request);
    }

    /** A client that went away, such as a closed live event stream: there is nobody to answer. */
    @ExceptionHandler(org.springframework.web.context.request.async.AsyncRequestNotUsableException.class)
    void clientGone() {
        // nothing to write
    }

    @ExceptionHandler(Exception.class)
    Object unexpected(Exception e, HttpServletRequest request) throws Exception {
        if (e instanceof org.springframework.security.access.AccessDeniedException
                || e instanceof org.springframework.security.core.AuthenticationException) {
            throw e; // Spring Security answers these (sign-in redirect or 403).
        }
        if (StorageFailures.isStorageFailure(e)) {
            // Disk full, read-only or the database closed: nothing was saved, and it is not our code's fault.
            log.warn("Storage unavailable on {} {}: {}", request.getMethod(), request.getRequestURI(), rootMessage(e));
            storage.ifAvailable(recovery -> recovery.after(e));
            return answer(StorageFailures.rejection(), request);
        }
        log.error("Unexpected failure on {} {}", request.getMethod(), request.getRequestURI(), e);
        return answer(new Rejected(500, "INTERNAL_ERROR", "服务器出了点问题，请稍后再试。",
                "Something went wrong on the server; please try again later."), request);
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }

    private Object answer(Rejected e, HttpServletRequest request) {
        if (request.getRequestURI().startsWith(request.getContextPath() + "/api/")) {
            return ResponseEntity.status(e.status())
                    .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .body(ProblemResponses.of(e, request));
        }
        ModelAndView page = new ModelAndView("error/problem");
        page.setStatus(org.springframework.http.HttpStatusCode.valueOf(e.status()));
        page.addObject("status", e.status());
        page.addObject("title", e.title(false));
        page.addObject("message", e.chinese());
        return page;
    }
}
