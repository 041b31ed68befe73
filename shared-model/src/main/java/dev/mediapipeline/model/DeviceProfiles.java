package dev.mediapipeline.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The ordered set of device profiles every image (and every video poster) is rendered to. Parsed from one
 * specification string such as {@code phone:640x1280,tablet:1280x2560,desktop:1920x3840,square:256x256:crop}.
 */
public final class DeviceProfiles implements Iterable<DeviceProfile> {

    /** phone/tablet/desktop are 640/1280/1920 px wide (height bound 2× the width, for tall panoramas); square is a grid crop. */
    public static final String DEFAULT_SPEC = "phone:640x1280,tablet:1280x2560,desktop:1920x3840,square:256x256:crop";

    private final List<DeviceProfile> profiles;

    private DeviceProfiles(List<DeviceProfile> profiles) {
        this.profiles = List.copyOf(profiles);
    }

    public static DeviceProfiles defaults() {
        return parse(DEFAULT_SPEC);
    }

    public static DeviceProfiles of(List<DeviceProfile> profiles) {
        if (profiles.isEmpty()) {
            throw new IllegalArgumentException("at least one profile is required");
        }
        Set<String> names = new HashSet<>();
        for (DeviceProfile p : profiles) {
            if (!names.add(p.name())) {
                throw new IllegalArgumentException("profile '" + p.name() + "' is defined twice");
            }
        }
        return new DeviceProfiles(profiles);
    }

    /**
     * Parses {@code name:WIDTHxHEIGHT[:crop]} entries separated by commas. Whitespace around entries is ignored.
     *
     * @throws IllegalArgumentException naming the offending entry
     */
    public static DeviceProfiles parse(String spec) {
        if (spec == null || spec.isBlank()) {
            throw new IllegalArgumentException("profile list is empty");
        }
        List<DeviceProfile> parsed = new ArrayList<>();
        for (String raw : spec.split(",")) {
            String entry = raw.trim();
            if (entry.isEmpty()) {
                throw new IllegalArgumentException("empty profile entry in '" + spec + "'");
            }
            String[] parts = entry.split(":");
            if (parts.length < 2 || parts.length > 3) {
                throw new IllegalArgumentException("profile '" + entry + "' must look like name:WIDTHxHEIGHT or name:WIDTHxHEIGHT:crop");
            }
            String[] size = parts[1].toLowerCase().split("x");
            if (size.length != 2) {
                throw new IllegalArgumentException("profile '" + entry + "' size must look like 640x1136");
            }
            int w;
            int h;
            try {
                w = Integer.parseInt(size[0].trim());
                h = Integer.parseInt(size[1].trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("profile '" + entry + "' size must be two integers, like 640x1136");
            }
            DeviceProfile.Fit fit = DeviceProfile.Fit.WITHIN;
            if (parts.length == 3) {
                String mode = parts[2].trim().toLowerCase();
                fit = switch (mode) {
                    case "crop" -> DeviceProfile.Fit.CROP;
                    case "fit", "within" -> DeviceProfile.Fit.WITHIN;
                    default -> throw new IllegalArgumentException("profile '" + entry + "' mode must be 'crop' or 'fit'");
                };
            }
            try {
                parsed.add(new DeviceProfile(parts[0].trim(), w, h, fit));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("profile '" + entry + "': " + e.getMessage(), e);
            }
        }
        return of(parsed);
    }

    public List<DeviceProfile> asList() {
        return profiles;
    }

    public Optional<DeviceProfile> byName(String name) {
        return profiles.stream().filter(p -> p.name().equals(name)).findFirst();
    }

    public List<String> names() {
        return profiles.stream().map(DeviceProfile::name).toList();
    }

    /** Profiles from the largest output area to the smallest, the order a decode-once, scale-down-in-steps pipeline wants. */
    public List<DeviceProfile> largestFirst() {
        List<DeviceProfile> sorted = new ArrayList<>(profiles);
        sorted.sort(Comparator.comparingLong((DeviceProfile p) -> (long) p.width() * p.height()).reversed());
        return Collections.unmodifiableList(sorted);
    }

    public String spec() {
        return String.join(",", profiles.stream().map(DeviceProfile::spec).toList());
    }

    public int size() {
        return profiles.size();
    }

    @Override
    public Iterator<DeviceProfile> iterator() {
        return profiles.iterator();
    }

    @Override
    public String toString() {
        return spec();
    }
}
