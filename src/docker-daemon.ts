// A preflight check: without it, a stopped Docker daemon surfaces as a provider error deep in the
// plan. Asking the daemon first lets `pulumi up` say plainly what is wrong and how to fix it.
import { request } from "node:http";
import { connect } from "node:net";
import { CONFIG_NAMESPACE } from "./config-rules";

export type DaemonCheck = (dockerHost: string) => Promise<void>;

const DEFAULT_SOCKET = "unix:///var/run/docker.sock";

/** The address the Docker providers will use: the stack's dockerHost, else DOCKER_HOST, else the default socket. */
export function daemonAddress(dockerHost: string, env: NodeJS.ProcessEnv = process.env): string {
  return dockerHost || env.DOCKER_HOST || DEFAULT_SOCKET;
}

function pingSocket(socketPath: string, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const ping = request({ socketPath, path: "/_ping", method: "GET", timeout: timeoutMs }, (response) => {
      response.resume();
      if (response.statusCode === 200) {
        resolve();
      } else {
        reject(new Error(`GET /_ping answered ${response.statusCode}`));
      }
    });
    ping.on("timeout", () => ping.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    ping.on("error", reject);
    ping.end();
  });
}

// Over TCP the daemon may speak TLS, which a plain HTTP ping cannot; an open port is evidence enough here.
function connectTcp(host: string, port: number, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host, port, timeout: timeoutMs }, () => {
      socket.end();
      resolve();
    });
    socket.on("timeout", () => socket.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    socket.on("error", reject);
  });
}

function reach(address: string, timeoutMs: number): Promise<void> {
  if (address.startsWith("unix://")) {
    return pingSocket(address.slice("unix://".length), timeoutMs);
  }
  const tcp = /^tcp:\/\/([^/:]+):(\d+)\/?$/.exec(address);
  if (tcp) {
    return connectTcp(tcp[1], Number(tcp[2]), timeoutMs);
  }
  // ssh:// and other transports are left to the Docker providers, which report their own errors.
  return Promise.resolve();
}

/** Resolves when the daemon answers; otherwise rejects with an error that says what to do. */
export async function checkDockerDaemon(dockerHost: string, timeoutMs = 3000): Promise<void> {
  const address = daemonAddress(dockerHost);
  try {
    await reach(address, timeoutMs);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(
      `Cannot reach the Docker daemon at ${address} (${reason}). ` +
        `Start Docker (or set ${CONFIG_NAMESPACE}:dockerHost / DOCKER_HOST) and run pulumi up again.`,
    );
  }
}
