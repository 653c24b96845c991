package io.watasu.verify;

import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class Ipv6RangeTest {
    @Test
    void parsesEveryWrittenFormOfAnAddress() {
        assertEquals(new Ipv6Range(BigInteger.ZERO, BigInteger.ONE.shiftLeft(128).subtract(BigInteger.ONE)),
                Ipv6Range.parseCidr("::/0"));
        assertEquals(Ipv6Range.parseCidr("fd00:0:0:0:0:0:0:0/8"), Ipv6Range.parseCidr("fd00::/8"));
        assertEquals(Ipv6Range.parseCidr("::ffff:a00:1/128"), Ipv6Range.parseCidr("::ffff:10.0.0.1/128"));
        assertEquals(Ipv6Range.parseCidr("fd00::/8"), Ipv6Range.parseCidr("FD12:3456::1/8"));
        assertEquals("fd00::/8", Ipv6Range.parseCidr("fd12::/8").format());
        assertEquals("2001:db8::1:0:0:1/128", Ipv6Range.parseCidr("2001:db8:0:0:1:0:0:1/128").format());
        assertEquals("::/0", Ipv6Range.parseCidr("::/0").format());
        assertEquals("fe80::/10", Ipv6Range.parseCidr("fe80::/10").format());
        assertEquals("::1/128", Ipv6Range.parseCidr("::1/128").format());
    }

    @Test
    void refusesWhatIsNotAnIpv6Cidr() {
        for (String bad : List.of("fd00::", "fd00::/129", "fd00::/-1", "fd00:::/8", "1:2:3:4:5:6:7:8:9/64",
                "1:2:3:4:5:6:7/64", "1::2::3/64", "fd00::zz/8", "fd00::\u0663/8", "12345::/16", "::10.0.0.256/128",
                "1:2:3:4:5:6:7::8/64")) {
            assertThrows(IllegalArgumentException.class, () -> Ipv6Range.parseCidr(bad), bad);
        }
    }

    @Test
    void aBlockAdmitsARangeUnlessItsExceptsCoverTheOverlap() {
        Ipv6Range cluster = Ipv6Range.parseCidr("fd00::/8");
        assertTrue(IpBlock.ipv6(Ipv6Range.parseCidr("::/0"), List.of()).admitsSomeOf(cluster));
        assertFalse(IpBlock.ipv6(Ipv6Range.parseCidr("2000::/3"), List.of()).admitsSomeOf(cluster));
        assertFalse(IpBlock.ipv6(Ipv6Range.parseCidr("::/0"), List.of(Ipv6Range.parseCidr("fc00::/7")))
                .admitsSomeOf(cluster));
        assertFalse(IpBlock.ipv6(Ipv6Range.parseCidr("fd00::/8"), List.of(Ipv6Range.parseCidr("fd80::/9"),
                Ipv6Range.parseCidr("fd00::/9"))).admitsSomeOf(cluster));
        assertTrue(IpBlock.ipv6(Ipv6Range.parseCidr("fd00::/8"), List.of(Ipv6Range.parseCidr("fd80::/9"),
                Ipv6Range.parseCidr("fd00::/10"))).admitsSomeOf(cluster));
        assertFalse(IpBlock.ipv4(IpRange.parseCidr("0.0.0.0/0"), List.of()).admitsSomeOf(cluster));
    }
}
