package dev.mediapipeline.transcode.natives;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The dynamic-linking facts of an ELF shared library, parsed in Java (no readelf): its machine, its
 * {@code DT_SONAME}, the libraries it needs ({@code DT_NEEDED}) and the symbol versions it requires from each
 * ({@code .gnu.version_r}, e.g. {@code GLIBC_2.29} from {@code libc.so.6}). That is what decides whether the
 * dynamic loader of a given system can load it.
 */
public record ElfFile(int machine, boolean is64, String soname, List<String> needed,
                      Map<String, Set<String>> versionsNeeded) {

    public static final int EM_X86_64 = 62;
    public static final int EM_AARCH64 = 183;

    private static final int SHT_DYNAMIC = 6;
    private static final int SHT_GNU_VERNEED = 0x6ffffffe;
    private static final long DT_NULL = 0;
    private static final long DT_NEEDED = 1;
    private static final long DT_SONAME = 14;

    public static boolean isElf(byte[] data) {
        return data.length > 16 && data[0] == 0x7f && data[1] == 'E' && data[2] == 'L' && data[3] == 'F';
    }

    public static ElfFile parse(byte[] data) {
        if (!isElf(data)) {
            throw new IllegalArgumentException("not an ELF file");
        }
        boolean is64 = data[4] == 2;
        ByteBuffer b = ByteBuffer.wrap(data).order(data[5] == 2 ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
        int machine = Short.toUnsignedInt(b.getShort(18));
        long shoff = is64 ? b.getLong(0x28) : Integer.toUnsignedLong(b.getInt(0x20));
        int shentsize = Short.toUnsignedInt(b.getShort(is64 ? 0x3A : 0x2E));
        int shnum = Short.toUnsignedInt(b.getShort(is64 ? 0x3C : 0x30));
        List<Section> sections = new ArrayList<>();
        for (int i = 0; i < shnum; i++) {
            int base = (int) (shoff + (long) i * shentsize);
            int type = b.getInt(base + 4);
            long offset = is64 ? b.getLong(base + 0x18) : Integer.toUnsignedLong(b.getInt(base + 0x10));
            long size = is64 ? b.getLong(base + 0x20) : Integer.toUnsignedLong(b.getInt(base + 0x14));
            int link = b.getInt(base + (is64 ? 0x28 : 0x18));
            int info = b.getInt(base + (is64 ? 0x2C : 0x1C));
            sections.add(new Section(type, offset, size, link, info));
        }
        String soname = null;
        List<String> needed = new ArrayList<>();
        Map<String, Set<String>> versions = new LinkedHashMap<>();
        for (Section s : sections) {
            if (s.type == SHT_DYNAMIC) {
                Section strtab = sections.get(s.link);
                int entry = is64 ? 16 : 8;
                for (long off = s.offset; off + entry <= s.offset + s.size; off += entry) {
                    long tag = is64 ? b.getLong((int) off) : b.getInt((int) off);
                    long val = is64 ? b.getLong((int) off + 8) : Integer.toUnsignedLong(b.getInt((int) off + 4));
                    if (tag == DT_NULL) {
                        break;
                    }
                    if (tag == DT_NEEDED) {
                        needed.add(string(data, strtab.offset + val));
                    } else if (tag == DT_SONAME) {
                        soname = string(data, strtab.offset + val);
                    }
                }
            } else if (s.type == SHT_GNU_VERNEED) {
                Section strtab = sections.get(s.link);
                long off = s.offset;
                for (int n = 0; n < s.info; n++) {
                    int cnt = Short.toUnsignedInt(b.getShort((int) off + 2));
                    String file = string(data, strtab.offset + Integer.toUnsignedLong(b.getInt((int) off + 4)));
                    long aux = off + Integer.toUnsignedLong(b.getInt((int) off + 8));
                    Set<String> names = versions.computeIfAbsent(file, k -> new LinkedHashSet<>());
                    for (int a = 0; a < cnt; a++) {
                        names.add(string(data, strtab.offset + Integer.toUnsignedLong(b.getInt((int) aux + 8))));
                        long next = Integer.toUnsignedLong(b.getInt((int) aux + 12));
                        if (next == 0) {
                            break;
                        }
                        aux += next;
                    }
                    long next = Integer.toUnsignedLong(b.getInt((int) off + 12));
                    if (next == 0) {
                        break;
                    }
                    off += next;
                }
            }
        }
        return new ElfFile(machine, is64, soname, List.copyOf(needed), versions);
    }

    /** Every required version whose name starts with {@code prefix} (e.g. "GLIBC_"), from any library. */
    public List<String> versionsWithPrefix(String prefix) {
        List<String> out = new ArrayList<>();
        versionsNeeded.values().forEach(set -> set.stream().filter(v -> v.startsWith(prefix)).forEach(out::add));
        return out;
    }

    private static String string(byte[] data, long offset) {
        int start = (int) offset;
        int end = start;
        while (end < data.length && data[end] != 0) {
            end++;
        }
        return new String(data, start, end - start, StandardCharsets.US_ASCII);
    }

    private record Section(int type, long offset, long size, int link, int info) {
    }
}
