package dev.mediapipeline.local.template;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Reads a CloudFormation / SAM template (YAML or JSON) into plain maps, lists and scalars. The short-form intrinsic
 * tags ({@code !Ref X}, {@code !GetAtt A.B}, {@code !Sub ...}) become their long form ({@code {"Ref": "X"}},
 * {@code {"Fn::GetAtt": ["A", "B"]}}, ...), so one resolver handles both spellings. Timestamps stay strings (a
 * policy's {@code Version: 2012-10-17} is text, not a date), duplicate keys are an error, and no YAML tag can
 * instantiate a Java type.
 */
public final class CloudFormationYaml {

    private static final Map<String, String> SHORT_FORMS = Map.ofEntries(
            Map.entry("!Ref", "Ref"),
            Map.entry("!Condition", "Condition"),
            Map.entry("!GetAtt", "Fn::GetAtt"),
            Map.entry("!Sub", "Fn::Sub"),
            Map.entry("!Join", "Fn::Join"),
            Map.entry("!Select", "Fn::Select"),
            Map.entry("!Split", "Fn::Split"),
            Map.entry("!If", "Fn::If"),
            Map.entry("!Equals", "Fn::Equals"),
            Map.entry("!Not", "Fn::Not"),
            Map.entry("!And", "Fn::And"),
            Map.entry("!Or", "Fn::Or"),
            Map.entry("!FindInMap", "Fn::FindInMap"),
            Map.entry("!Base64", "Fn::Base64"),
            Map.entry("!GetAZs", "Fn::GetAZs"),
            Map.entry("!ImportValue", "Fn::ImportValue"),
            Map.entry("!Cidr", "Fn::Cidr"),
            Map.entry("!Transform", "Fn::Transform"));

    private CloudFormationYaml() {
    }

    public static Map<String, Object> read(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new TemplateException("", "template " + file + " does not exist (choose one with --template)");
        } catch (IOException e) {
            throw new TemplateException("", "cannot read template " + file + ": " + e.getMessage(), e);
        }
        return parse(text, file.getFileName().toString());
    }

    public static Map<String, Object> parse(String text, String name) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        options.setMaxAliasesForCollections(50);
        options.setCodePointLimit(10 * 1024 * 1024);
        Yaml yaml = new Yaml(new Constructor(options));
        Object document;
        try (Reader reader = new java.io.StringReader(text)) {
            document = yaml.load(reader);
        } catch (MarkedYAMLException e) {
            throw new TemplateException("", name + " is not valid YAML: " + e.getProblem()
                    + (e.getProblemMark() == null ? "" : " at line " + (e.getProblemMark().getLine() + 1)
                    + ", column " + (e.getProblemMark().getColumn() + 1)), e);
        } catch (YAMLException | IOException e) {
            throw new TemplateException("", name + " is not valid YAML: " + e.getMessage(), e);
        }
        if (!(document instanceof Map<?, ?> map)) {
            throw new TemplateException("", name + " is not a template: its top level must be a mapping");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> result = (Map<String, Object>) stringKeys(map, "");
        return result;
    }

    /** Keys of CloudFormation mappings are names: a key written as a number or boolean is its text. */
    private static Object stringKeys(Object value, String path) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : map.entrySet()) {
                String key = String.valueOf(e.getKey());
                out.put(key, stringKeys(e.getValue(), path.isEmpty() ? key : path + "." + key));
            }
            return out;
        }
        if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>(list.size());
            for (int i = 0; i < list.size(); i++) {
                out.add(stringKeys(list.get(i), path + "[" + i + "]"));
            }
            return out;
        }
        return value;
    }

    private static final class Constructor extends SafeConstructor {

        Constructor(LoaderOptions options) {
            super(options);
            this.yamlConstructors.put(Tag.TIMESTAMP, new ConstructYamlStr());
            for (Map.Entry<String, String> shortForm : SHORT_FORMS.entrySet()) {
                this.yamlConstructors.put(new Tag(shortForm.getKey()), new Intrinsic(shortForm.getValue()));
            }
        }

        private final class Intrinsic extends AbstractConstruct {

            private final String longName;

            Intrinsic(String longName) {
                this.longName = longName;
            }

            @Override
            public Object construct(Node node) {
                Object argument;
                if (node instanceof ScalarNode scalar) {
                    String text = constructScalar(scalar);
                    if (longName.equals("Fn::GetAtt")) {
                        int dot = text.indexOf('.');
                        argument = dot < 0 ? List.of(text) : List.of(text.substring(0, dot), text.substring(dot + 1));
                    } else {
                        argument = text;
                    }
                } else if (node instanceof SequenceNode sequence) {
                    argument = constructSequence(sequence);
                } else {
                    argument = constructMapping((MappingNode) node);
                }
                Map<String, Object> intrinsic = new LinkedHashMap<>();
                intrinsic.put(longName, argument);
                return intrinsic;
            }
        }
    }
}
