import net from "node:net";

export interface PipelinedResponse {
  status: number;
  contentLength: number;
  bodyBytes: number;
}

export interface PipelineResult {
  responses: PipelinedResponse[];
  /** Bytes after the last complete response; non-zero means a response was cut off mid-way. */
  trailingBytes: number;
}

/** Splits a byte stream of HTTP/1.1 responses that all carry Content-Length. */
export function splitResponses(stream: Buffer): PipelineResult {
  const responses: PipelinedResponse[] = [];
  let offset = 0;
  for (;;) {
    const headEnd = stream.indexOf("\r\n\r\n", offset, "latin1");
    if (headEnd === -1) {
      break;
    }
    const head = stream.subarray(offset, headEnd).toString("latin1");
    const status = Number(/^HTTP\/1\.\d (\d{3})/.exec(head)?.[1]);
    const contentLength = Number(/\r\ncontent-length:\s*(\d+)/i.exec(head)?.[1]);
    if (!Number.isInteger(status) || !Number.isInteger(contentLength)) {
      break;
    }
    const bodyStart = headEnd + 4;
    const bodyBytes = Math.min(contentLength, stream.length - bodyStart);
    if (bodyBytes < contentLength) {
      break;
    }
    responses.push({ status, contentLength, bodyBytes });
    offset = bodyStart + contentLength;
  }
  return { responses, trailingBytes: stream.length - offset };
}

/**
 * One keep-alive connection carrying many pipelined requests, read only when the test says so.
 * While reading is paused the socket buffers fill and nginx is left in the middle of writing a
 * response — a request genuinely in flight, whatever the size of the site's files.
 */
export class PausedPipeline {
  private readonly socket: net.Socket;
  private readonly received: Buffer[] = [];
  private readonly closed: Promise<void>;

  constructor(host: string, port: number, path: string, count: number) {
    this.socket = net.connect({ host, port });
    this.socket.pause();
    this.closed = new Promise((resolve, reject) => {
      this.socket.on("close", () => resolve());
      this.socket.on("error", reject);
    });
    this.socket.on("data", (chunk: Buffer) => this.received.push(chunk));
    const one = `GET ${path} HTTP/1.1\r\nHost: localhost\r\nUser-Agent: pipeline-test\r\n\r\n`;
    this.socket.write(one.repeat(count));
  }

  /** Reads everything until the server closes the connection, then splits the responses. */
  async drain(): Promise<PipelineResult> {
    this.socket.resume();
    await this.closed;
    return splitResponses(Buffer.concat(this.received));
  }

  destroy(): void {
    this.socket.destroy();
  }
}
