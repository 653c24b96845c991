package io.watasu.verify;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Grouping external ranges into cells of identical treatment by the policies and the contract. */
class AddressCellsTest {
    private static IpRange range(String first, String last) {
        return new IpRange(IpAddress.parse(first), IpAddress.parse(last));
    }

    // The address space cut at 0.0.0.0/5 and 8.0.0.0/7 (one rule's blocks, the internet as CIDRs) and at
    // 8.8.8.0/24 (a range the contract names).
    private static final List<IpBlock> INTERNET = List.of(new IpBlock(IpRange.parseCidr("0.0.0.0/5"), List.of()),
            new IpBlock(IpRange.parseCidr("8.0.0.0/7"), List.of()));
    private static final List<IpRange> CONTRACT = List.of(IpRange.parseCidr("8.8.8.0/24"));
    private static final List<IpRange> RANGES = List.of(range("0.0.0.0", "7.255.255.255"),
            range("8.0.0.0", "8.8.7.255"), range("8.8.8.0", "8.8.8.255"), range("8.8.9.0", "9.255.255.255"),
            range("10.0.0.0", "255.255.255.255"), IpRange.ALL_IPV6);

    private final AddressCells cells = AddressCells.of(RANGES, List.of(INTERNET), CONTRACT);

    @Test
    void rangesInTheSameRulesAndContractRangesShareACell() {
        // The three internet ranges outside 8.8.8.0/24; the contract's range; the rest of IPv4; IPv6, which lies in
        // no block either but is of the other family.
        assertEquals(List.of(RANGES.get(0), RANGES.get(2), RANGES.get(4), RANGES.get(5)), cells.representatives());
        assertEquals(List.of(RANGES.get(0), RANGES.get(1), RANGES.get(3)), cells.members(RANGES.get(0)));
        assertEquals(List.of(RANGES.get(2)), cells.members(RANGES.get(2)));
        assertEquals(RANGES.get(0), cells.representative(RANGES.get(3)));
        assertEquals(RANGES.get(2), cells.representative(RANGES.get(2)));
    }

    @Test
    void blocksOfDifferentRulesKeepTheirRangesApart() {
        AddressCells split = AddressCells.of(RANGES, List.of(INTERNET.subList(0, 1), INTERNET.subList(1, 2)),
                CONTRACT);
        assertEquals(List.of(RANGES.get(0), RANGES.get(1), RANGES.get(2), RANGES.get(4), RANGES.get(5)),
                split.representatives());
        assertEquals(List.of(RANGES.get(1), RANGES.get(3)), split.members(RANGES.get(1)));
    }

    @Test
    void anAddressIsFoundInTheRangeHoldingIt() {
        assertEquals(RANGES.get(3), cells.holding(IpAddress.parse("9.1.2.3")));
        assertEquals(RANGES.get(5), cells.holding(IpAddress.parse("2001:4860:4860::8888")));
        assertThrows(IllegalArgumentException.class, () -> cells.representative(IpRange.parseCidr("8.0.0.0/8")));
    }
}
