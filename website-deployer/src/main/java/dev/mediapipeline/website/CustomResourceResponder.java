package dev.mediapipeline.website;

import java.util.Map;

/** Port: tells CloudFormation how a custom resource request ended (a PUT of a JSON document to its ResponseURL). */
public interface CustomResourceResponder {

    /**
     * @param responseUrl the request's presigned ResponseURL
     * @param body        the response document: Status, Reason, PhysicalResourceId, StackId, RequestId,
     *                    LogicalResourceId, Data
     */
    void respond(String responseUrl, Map<String, Object> body);
}
