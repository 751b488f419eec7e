// withSocket (app/realtime/socket.client.ts): a hook's setup runs once the lazily loaded socket is
// there, and an unmount before that cancels it.
import { describe, expect, it, vi } from "vitest";
import { withSocket, type ChaletSocket } from "~/realtime/socket.client";

// The hooks only hand the socket on: any object stands for it here.
const fakeSocket = { connected: false } as unknown as ChaletSocket;

function deferred() {
  let resolve!: (socket: ChaletSocket) => void;
  let reject!: (error: Error) => void;
  const promise = new Promise<ChaletSocket>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
}

describe("withSocket", () => {
  it("sets up at once with a socket already there, and undoes it", () => {
    const undo = vi.fn();
    const setup = vi.fn(() => undo);
    const cleanup = withSocket(setup, () => fakeSocket);
    expect(setup).toHaveBeenCalledWith(fakeSocket);
    cleanup();
    expect(undo).toHaveBeenCalledTimes(1);
  });

  it("sets up once the socket arrives, and undoes it on cleanup", async () => {
    const { promise, resolve } = deferred();
    const undo = vi.fn();
    const setup = vi.fn(() => undo);
    const cleanup = withSocket(setup, () => promise);
    expect(setup).not.toHaveBeenCalled();
    resolve(fakeSocket);
    await vi.waitFor(() => expect(setup).toHaveBeenCalledWith(fakeSocket));
    cleanup();
    expect(undo).toHaveBeenCalledTimes(1);
  });

  it("never sets up when cleaned up before the socket arrives", async () => {
    const { promise, resolve } = deferred();
    const setup = vi.fn(() => () => undefined);
    const cleanup = withSocket(setup, () => promise);
    cleanup();
    resolve(fakeSocket);
    await promise;
    // Past the microtask in which withSocket's own then() runs.
    await Promise.resolve();
    expect(setup).not.toHaveBeenCalled();
  });

  it("says so, without throwing, when the socket's module cannot be loaded", async () => {
    const { promise, reject } = deferred();
    const error = vi.spyOn(console, "error").mockImplementation(() => undefined);
    const setup = vi.fn(() => () => undefined);
    const cleanup = withSocket(setup, () => promise);
    reject(new Error("chunk failed"));
    await vi.waitFor(() => expect(error).toHaveBeenCalled());
    expect(setup).not.toHaveBeenCalled();
    cleanup();
    error.mockRestore();
  });
});
