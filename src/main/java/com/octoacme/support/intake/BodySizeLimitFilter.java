package com.octoacme.support.intake;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses request bodies under /api larger than {@code intake.max-body-bytes} with 413: at once when the
 * Content-Length says so, else (a chunked body) as soon as more bytes than that have been read.
 */
class BodySizeLimitFilter extends OncePerRequestFilter {

  private final long maxBytes;
  private final ObjectMapper json;

  BodySizeLimitFilter(long maxBytes, ObjectMapper json) {
    this.maxBytes = maxBytes;
    this.json = json;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    response.setHeader("X-Content-Type-Options", "nosniff");
    if (request.getContentLengthLong() > maxBytes) {
      tooLarge(response);
      return;
    }
    LimitedRequest limited = new LimitedRequest(request, maxBytes);
    try {
      chain.doFilter(limited, response);
    } catch (IOException | ServletException | RuntimeException e) {
      if (!limited.exceeded || response.isCommitted()) {
        throw e;
      }
      response.reset();
      tooLarge(response);
    }
  }

  private void tooLarge(HttpServletResponse response) throws IOException {
    HttpStatus status = HttpStatus.PAYLOAD_TOO_LARGE;
    response.setStatus(status.value());
    response.setContentType(MediaType.APPLICATION_JSON_VALUE);
    response.setHeader("X-Content-Type-Options", "nosniff");
    // The client may still be sending: do not keep the connection for the rest of its body.
    response.setHeader("Connection", "close");
    json.writeValue(response.getOutputStream(), new ApiError(status.value(), status.getReasonPhrase(), null,
        tooLargeMessage(maxBytes), null));
  }

  static String tooLargeMessage(long maxBytes) {
    return "the request body is larger than " + maxBytes + " bytes";
  }

  /** Thrown while reading a body that grew past the limit. */
  static class PayloadTooLargeException extends IOException {
    PayloadTooLargeException(long maxBytes) {
      super(tooLargeMessage(maxBytes));
    }
  }

  private static final class LimitedRequest extends HttpServletRequestWrapper {

    private final long maxBytes;
    private ServletInputStream stream;
    private BufferedReader reader;
    private volatile boolean exceeded;

    LimitedRequest(HttpServletRequest request, long maxBytes) {
      super(request);
      this.maxBytes = maxBytes;
    }

    @Override
    public ServletInputStream getInputStream() throws IOException {
      if (stream == null) {
        stream = new CountingStream(super.getInputStream());
      }
      return stream;
    }

    @Override
    public BufferedReader getReader() throws IOException {
      if (reader == null) {
        String encoding = getCharacterEncoding();
        Charset charset = encoding == null ? StandardCharsets.UTF_8 : Charset.forName(encoding);
        reader = new BufferedReader(new InputStreamReader(getInputStream(), charset));
      }
      return reader;
    }

    private final class CountingStream extends ServletInputStream {

      private final ServletInputStream delegate;
      private long count;

      CountingStream(ServletInputStream delegate) {
        this.delegate = delegate;
      }

      @Override
      public int read() throws IOException {
        int b = delegate.read();
        if (b >= 0) {
          counted(1);
        }
        return b;
      }

      @Override
      public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = delegate.read(buffer, offset, length);
        if (n > 0) {
          counted(n);
        }
        return n;
      }

      private void counted(int n) throws PayloadTooLargeException {
        count += n;
        if (count > maxBytes) {
          exceeded = true;
          throw new PayloadTooLargeException(maxBytes);
        }
      }

      @Override
      public boolean isFinished() {
        return delegate.isFinished();
      }

      @Override
      public boolean isReady() {
        return delegate.isReady();
      }

      @Override
      public void setReadListener(ReadListener listener) {
        delegate.setReadListener(listener);
      }
    }
  }
}
