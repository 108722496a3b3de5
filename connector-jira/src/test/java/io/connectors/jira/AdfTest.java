package io.connectors.jira;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.connectors.core.json.Json;
import org.junit.jupiter.api.Test;

/** ADF shapes as Jira Cloud's REST API v3 returns them. */
class AdfTest {

    private static JsonNode json(String text) {
        try {
            return Json.mapper().readTree(text.replace('\'', '"'));
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static String doc(String content) {
        return "{'type':'doc','version':1,'content':[" + content + "]}";
    }

    @Test
    void paragraphsHeadingsAndHardBreaks_becomeLines() {
        String text = Adf.toText(json(doc("""
                {'type':'heading','attrs':{'level':2},'content':[{'type':'text','text':'Steps'}]},
                {'type':'paragraph','content':[{'type':'text','text':'First line'},{'type':'hardBreak'},
                  {'type':'text','text':'second ','marks':[{'type':'strong'}]},{'type':'text','text':'line'}]},
                {'type':'paragraph','content':[]}""")));
        assertThat(text).isEqualTo("Steps\nFirst line\nsecond line");
    }

    @Test
    void nestedBulletAndOrderedLists_areMarkedAndIndented() {
        String text = Adf.toText(json(doc("""
                {'type':'bulletList','content':[
                  {'type':'listItem','content':[{'type':'paragraph','content':[{'type':'text','text':'apples'}]},
                    {'type':'orderedList','attrs':{'order':3},'content':[
                      {'type':'listItem','content':[{'type':'paragraph','content':[{'type':'text','text':'green'}]}]},
                      {'type':'listItem','content':[{'type':'paragraph','content':[{'type':'text','text':'red'}]}]}]}]},
                  {'type':'listItem','content':[{'type':'paragraph','content':[{'type':'text','text':'pears'}]}]}]}""")));
        assertThat(text).isEqualTo("- apples\n  3. green\n  4. red\n- pears");
    }

    @Test
    void linksMentionsEmojiDatesStatusesAndCards_keepTheirVisibleText() {
        String text = Adf.toText(json(doc("""
                {'type':'paragraph','content':[
                  {'type':'text','text':'see '},
                  {'type':'text','text':'the docs','marks':[{'type':'link','attrs':{'href':'https://example.com/docs'}}]},
                  {'type':'text','text':' and https://x.io','marks':[{'type':'link','attrs':{'href':'https://x.io'}}]},
                  {'type':'text','text':' cc '},
                  {'type':'mention','attrs':{'id':'5b10ac8d82e05b22cc7d4ef5','text':'@Jane Doe','accessLevel':''}},
                  {'type':'text','text':' '},
                  {'type':'emoji','attrs':{'shortName':':grinning:','id':'1f600','text':'😀'}},
                  {'type':'emoji','attrs':{'shortName':':custom:'}},
                  {'type':'text','text':' due '},
                  {'type':'date','attrs':{'timestamp':'1735689600000'}},
                  {'type':'text','text':' '},
                  {'type':'status','attrs':{'text':'IN PROGRESS','color':'blue','localId':'x'}},
                  {'type':'text','text':' '},
                  {'type':'inlineCard','attrs':{'url':'https://acme.atlassian.net/browse/ABC-1'}}]}""")));
        assertThat(text).isEqualTo("see the docs (https://example.com/docs) and https://x.io (https://x.io) cc @Jane Doe 😀:custom:"
                + " due 2025-01-01 IN PROGRESS https://acme.atlassian.net/browse/ABC-1");
    }

    @Test
    void mentionWithoutText_usesTheAccountId() {
        assertThat(Adf.toText(json(doc("{'type':'paragraph','content':[{'type':'mention','attrs':{'id':'abc'}}]}"))))
                .isEqualTo("@abc");
    }

    @Test
    void codeBlocksQuotesPanelsExpandsAndRules() {
        String text = Adf.toText(json(doc("""
                {'type':'codeBlock','attrs':{'language':'java'},'content':[{'type':'text','text':'int a = 1;\\nint b = 2;'}]},
                {'type':'blockquote','content':[{'type':'paragraph','content':[{'type':'text','text':'quoted'}]}]},
                {'type':'rule'},
                {'type':'panel','attrs':{'panelType':'info'},'content':[{'type':'paragraph','content':[{'type':'text','text':'note this'}]}]},
                {'type':'expand','attrs':{'title':'Details'},'content':[{'type':'paragraph','content':[{'type':'text','text':'hidden'}]}]}""")));
        assertThat(text).isEqualTo("int a = 1;\nint b = 2;\n> quoted\n\nnote this\nDetails\nhidden");
    }

    @Test
    void tables_becomeOneLinePerRowWithCellsSeparated() {
        String text = Adf.toText(json(doc("""
                {'type':'table','attrs':{'isNumberColumnEnabled':false,'layout':'default'},'content':[
                  {'type':'tableRow','content':[
                    {'type':'tableHeader','attrs':{},'content':[{'type':'paragraph','content':[{'type':'text','text':'Name','marks':[{'type':'strong'}]}]}]},
                    {'type':'tableHeader','attrs':{},'content':[{'type':'paragraph','content':[{'type':'text','text':'Value'}]}]}]},
                  {'type':'tableRow','content':[
                    {'type':'tableCell','attrs':{},'content':[{'type':'paragraph','content':[{'type':'text','text':'timeout'}]}]},
                    {'type':'tableCell','attrs':{},'content':[{'type':'paragraph','content':[{'type':'text','text':'30'}]},
                                                             {'type':'paragraph','content':[{'type':'text','text':'seconds'}]}]}]}]}""")));
        assertThat(text).isEqualTo("Name | Value\ntimeout | 30 seconds");
    }

    @Test
    void tasksDecisionsAndMedia() {
        String text = Adf.toText(json(doc("""
                {'type':'taskList','attrs':{'localId':'t'},'content':[
                  {'type':'taskItem','attrs':{'localId':'1','state':'DONE'},'content':[{'type':'text','text':'write tests'}]},
                  {'type':'taskItem','attrs':{'localId':'2','state':'TODO'},'content':[{'type':'text','text':'ship'}]}]},
                {'type':'decisionList','attrs':{'localId':'d'},'content':[
                  {'type':'decisionItem','attrs':{'localId':'3','state':'DECIDED'},'content':[{'type':'text','text':'use Java'}]}]},
                {'type':'mediaSingle','attrs':{'layout':'center'},'content':[
                  {'type':'media','attrs':{'id':'abc','type':'file','collection':'','alt':'diagram.png'}}]}""")));
        assertThat(text).isEqualTo("[x] write tests\n[ ] ship\n- use Java\ndiagram.png");
    }

    @Test
    void unknownNodes_keepTheirTextAndChildren() {
        String text = Adf.toText(json(doc("""
                {'type':'someFutureBlock','content':[{'type':'paragraph','content':[{'type':'text','text':'kept'},
                  {'type':'someFutureInline','text':' too'}]}]}""")));
        assertThat(text).isEqualTo("kept too");
    }

    @Test
    void nullMissingAndPlainStrings() {
        assertThat(Adf.toText(null)).isEmpty();
        assertThat(Adf.toText(json("null"))).isEmpty();
        assertThat(Adf.toText(json("'plain'"))).isEqualTo("plain");
    }
}
