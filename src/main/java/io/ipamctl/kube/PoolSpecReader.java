package io.ipamctl.kube;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * An IPPool's spec read off the list's stream into the generated model, field by field. Binding it with
 * Jackson built databind's deserializers by reflection on every start: ~5% of a cold `pool usage`'s CPU
 * for a few hundred bytes (bench/findings.md, "Cold path, third round"). The fields are those of the CRDs
 * (src/main/crds); the API server validates their types against the CRD schema, so a type it would not
 * accept is a parse error here. Unknown fields are skipped, as the model's binding skipped them.
 */
final class PoolSpecReader {

    private PoolSpecReader() {}

    /** v1beta1: ipRanges [{cidr | start, end}], subnetInfo {gateway, prefixLength, vlan}; parser on its START_OBJECT. */
    static io.ipamctl.kube.crd.v1beta1.IPPoolSpec beta(JsonParser p) throws IOException {
        var spec = new io.ipamctl.kube.crd.v1beta1.IPPoolSpec();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken value = p.nextToken();
            if (field.equals("ipRanges") && value == JsonToken.START_ARRAY) {
                List<io.ipamctl.kube.crd.v1beta1.ippoolspec.IpRanges> ranges = new ArrayList<>();
                ListStream.each(p, r -> {
                    var range = new io.ipamctl.kube.crd.v1beta1.ippoolspec.IpRanges();
                    String[] f = ListStream.fields(r, "cidr", "start", "end");
                    range.setCidr(f[0]);
                    range.setStart(f[1]);
                    range.setEnd(f[2]);
                    ranges.add(range);
                });
                spec.setIpRanges(ranges);
            } else if (field.equals("subnetInfo") && value == JsonToken.START_OBJECT) {
                var subnet = new io.ipamctl.kube.crd.v1beta1.ippoolspec.SubnetInfo();
                String[] f = ListStream.fields(p, "gateway", "prefixLength", "vlan");
                subnet.setGateway(f[0]);
                subnet.setPrefixLength(number(f[1]));
                subnet.setVlan(number(f[2]));
                spec.setSubnetInfo(subnet);
            } else {
                p.skipChildren();
            }
        }
        return spec;
    }

    /** v1alpha2: ipVersion, ipRanges [{cidr | start, end, gateway, prefixLength, vlan}]; parser on its START_OBJECT. */
    static io.ipamctl.kube.crd.v1alpha2.IPPoolSpec alpha(JsonParser p) throws IOException {
        var spec = new io.ipamctl.kube.crd.v1alpha2.IPPoolSpec();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken value = p.nextToken();
            if (field.equals("ipRanges") && value == JsonToken.START_ARRAY) {
                List<io.ipamctl.kube.crd.v1alpha2.ippoolspec.IpRanges> ranges = new ArrayList<>();
                ListStream.each(p, r -> {
                    var range = new io.ipamctl.kube.crd.v1alpha2.ippoolspec.IpRanges();
                    String[] f = ListStream.fields(r, "cidr", "start", "end", "gateway", "prefixLength", "vlan");
                    range.setCidr(f[0]);
                    range.setStart(f[1]);
                    range.setEnd(f[2]);
                    range.setGateway(f[3]);
                    range.setPrefixLength(number(f[4]));
                    range.setVlan(number(f[5]));
                    ranges.add(range);
                });
                spec.setIpRanges(ranges);
            } else if (field.equals("ipVersion") && value.isScalarValue() && value != JsonToken.VALUE_NULL) {
                String v = p.getValueAsString();
                spec.setIpVersion(
                        switch (v) {
                            case "4" -> io.ipamctl.kube.crd.v1alpha2.IPPoolSpec.IpVersion.V__4;
                            case "6" -> io.ipamctl.kube.crd.v1alpha2.IPPoolSpec.IpVersion.V__6;
                            default -> throw new JsonParseException(p, "ipVersion " + v + " is neither 4 nor 6");
                        });
            } else {
                p.skipChildren();
            }
        }
        return spec;
    }

    private static Long number(String text) throws JsonParseException {
        if (text == null) {
            return null;
        }
        try {
            return Long.valueOf(text);
        } catch (NumberFormatException e) {
            throw new JsonParseException(null, "\"" + text + "\" where a whole number was expected");
        }
    }
}
