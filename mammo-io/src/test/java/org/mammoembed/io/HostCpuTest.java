package org.mammoembed.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class HostCpuTest {
    @Test
    void describesAnX86ProcessorByModelAndWidestVectorSet() {
        List<String> intel = List.of(
                "processor\t: 0",
                "vendor_id\t: GenuineIntel",
                "model name\t: Intel(R) Xeon(R) Platinum 8375C CPU @ 2.90GHz",
                "flags\t\t: fpu vme sse sse2 avx avx2 fma avx512f avx512dq avx512bw avx512vl",
                "bogomips\t: 5799.99");
        assertEquals("Intel(R) Xeon(R) Platinum 8375C CPU @ 2.90GHz (amd64, AVX-512), 16 processors",
                HostCpu.describe(intel, "amd64", 16));
        List<String> avx2 = List.of("model name : AMD EPYC 7R32", "flags : sse2 avx avx2 fma");
        assertEquals("AMD EPYC 7R32 (amd64, AVX2), 1 processor", HostCpu.describe(avx2, "amd64", 1));
    }

    @Test
    void flagsAreMatchedAsWholeWordsNotPrefixes() {
        // avx512vl without avx512f, avx2 only as the prefix of another word: neither set is claimed
        List<String> odd = List.of("model name: Test CPU", "flags: sse4_2 avx512vl avx2x");
        assertEquals("Test CPU (amd64), 2 processors", HostCpu.describe(odd, "amd64", 2));
    }

    @Test
    void describesAnArmProcessorByItsFeaturesLine() {
        List<String> arm = List.of("processor\t: 0", "BogoMIPS\t: 243.75",
                "Features\t: fp asimd evtstrm aes pmull sha1 sha2 crc32 atomics sve", "CPU implementer\t: 0x41");
        assertEquals("unknown model (aarch64, SVE), 64 processors", HostCpu.describe(arm, "aarch64", 64));
        List<String> neon = List.of("Features\t: fp asimd crc32");
        assertEquals("unknown model (aarch64, NEON), 4 processors", HostCpu.describe(neon, "aarch64", 4));
    }

    @Test
    void withoutCpuinfoOnlyTheArchitectureAndCount() {
        assertEquals("unknown model (x86_64), 8 processors", HostCpu.describe(List.of(), "x86_64", 8));
        assertEquals("unknown model (unknown architecture), 2 processors", HostCpu.describe(List.of(), "", 2));
    }

    @Test
    void thisMachineIsDescribedWithItsProcessorCountAndModel() throws IOException {
        String d = HostCpu.describe();
        int n = Runtime.getRuntime().availableProcessors();
        assertTrue(d.endsWith(", " + n + (n == 1 ? " processor" : " processors")), d);
        assertTrue(d.contains("(" + System.getProperty("os.arch")), d);
        Path cpuinfo = Path.of("/proc/cpuinfo");
        if (Files.isReadable(cpuinfo)
                && Files.readAllLines(cpuinfo, StandardCharsets.ISO_8859_1).stream().anyMatch(l -> l.startsWith("model name"))) {
            assertFalse(d.startsWith("unknown model"), d);
        }
    }
}
