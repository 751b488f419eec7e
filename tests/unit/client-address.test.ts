// The key the per-address socket limits count under (server/client-address.ts).
import { describe, expect, it } from "vitest";
import { limitKey } from "../../server/client-address";

describe("limitKey", () => {
  it("keeps an IPv4 address, also when written as IPv6", () => {
    expect(limitKey("203.0.113.7")).toBe("203.0.113.7");
    expect(limitKey("::ffff:203.0.113.7")).toBe("203.0.113.7");
  });

  it("counts an IPv6 address by its /64, however it is written", () => {
    const key = "2001:db8:1:2::/64";
    expect(limitKey("2001:db8:1:2::1")).toBe(key);
    expect(limitKey("2001:0DB8:0001:0002:aaaa:bbbb:cccc:dddd")).toBe(key);
    expect(limitKey("2001:db8:1:2:0:0:0:ffff")).toBe(key);
    expect(limitKey("2001:db8:1:3::1")).not.toBe(key);
    expect(limitKey("2001:db8::1")).toBe("2001:db8:0:0::/64");
    expect(limitKey("::1")).toBe("0:0:0:0::/64");
    expect(limitKey("fe80::1%eth0")).toBe("fe80:0:0:0::/64");
    expect(limitKey("64:ff9b::192.0.2.33")).toBe("64:ff9b:0:0::/64");
  });
});
