package org.scriptorium.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.stream.Collectors;
import org.scriptorium.common.Rejected;
import org.scriptorium.common.ScriptoriumProperties;
import org.scriptorium.storage.StorageFailures;
import org.scriptorium.storage.StorageRecovery;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpMethod;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.BindException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.ErrorResponse;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;
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
    private final ErrorAnswers answers;
    /** Optional so that slice tests of pages need not bring the data source. */
    private final ObjectProvider<StorageRecovery> storage;

    ErrorAdvice(ScriptoriumProperties properties,
                @Value("${spring.servlet.multipart.max-request-size:64MB}") DataSize maxRequestSize, ErrorAnswers answers,
                ObjectProvider<StorageRecovery> storage) {
        this.properties = properties;
        this.maxRequestSize = maxRequestSize;
        this.answers = answers;
        this.storage = storage;
    }

    @ExceptionHandler(Rejected.class)
    Object rejected(Rejected e, HttpServletRequest request, jakarta.servlet.http.HttpServletResponse response) {
        e.retryAfter().ifPresent(wait -> response.setHeader("Retry-After", Long.toString(Rejected.retryAfterSeconds(wait))));
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

    /** A body that is not JSON, or a JSON property of the wrong type: the property is named when known. */
    @ExceptionHandler(HttpMessageNotReadableException.class)
    Object unreadable(HttpMessageNotReadableException e, HttpServletRequest request) {
        return answer(FieldErrors.unreadable(e), request);
    }

    /** A query parameter or path segment that is not of the type asked for, e.g. {@code page=abc}. */
    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    Object typeMismatch(MethodArgumentTypeMismatchException e, HttpServletRequest request) {
        return answer(FieldErrors.wrongType(e.getName(), e.getRequiredType()), request);
    }

    @ExceptionHandler(MissingServletRequestParameterException.class)
    Object missing(MissingServletRequestParameterException e, HttpServletRequest request) {
        return answer(FieldErrors.missing(e.getParameterName()), request);
    }

    /** A form or query bound to an object, or a body checked with {@code @Valid}: the first wrong field is named. */
    @ExceptionHandler(BindException.class)
    Object bind(BindException e, HttpServletRequest request) {
        return answer(FieldErrors.of(e.getBindingResult()), request);
    }

    /** A parameter outside its declared constraint ({@code @Min}, {@code @Max}, …): the parameter and the bound are named. */
    @ExceptionHandler(HandlerMethodValidationException.class)
    Object invalidParameter(HandlerMethodValidationException e, HttpServletRequest request) {
        return answer(FieldErrors.of(e), request);
    }

    @ExceptionHandler(MultipartException.class)
    Object badMultipart(Exception e, HttpServletRequest request) {
        return answer(new Rejected(400, "BAD_REQUEST", "上传的表单格式有误，请检查后重试。",
                "The multipart request is malformed: " + e.getMessage()), request);
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    Object unsupportedMediaType(Exception e, HttpServletRequest request) {
        return answer(ErrorAnswers.unsupportedMediaType(), request);
    }

    /** A 405 names the methods the path does take ({@code Allow}), as HTTP asks. */
    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    Object method(HttpRequestMethodNotSupportedException e, HttpServletRequest request, HttpServletResponse response) {
        if (e.getSupportedHttpMethods() != null) {
            response.setHeader("Allow", e.getSupportedHttpMethods().stream().map(HttpMethod::name)
                    .collect(Collectors.joining(", ")));
        }
        return answer(ErrorAnswers.forStatus(405), request);
    }

    @ExceptionHandler(NoResourceFoundException.class)
    Object notFound(Exception e, HttpServletRequest request) {
        return answer(ErrorAnswers.notFound(), request);
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
        if (e instanceof ErrorResponse known && (known.getStatusCode().value() < 500 || known.getStatusCode().value() == 503)) {
            // Spring MVC's own refusals not named above (406, a missing header, an async timeout …) keep their
            // status; they are the caller's doing or the load's, not a fault to log.
            return answer(ErrorAnswers.forStatus(known.getStatusCode().value()), request);
        }
        log.error("Unexpected failure on {} {}", request.getMethod(), request.getRequestURI(), e);
        return answer(ErrorAnswers.internalError(e instanceof ErrorResponse known ? known.getStatusCode().value() : 500),
                request);
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }

    private Object answer(Rejected e, HttpServletRequest request) {
        return answers.answer(e, request);
    }
}
