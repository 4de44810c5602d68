# Written for Baton's importer tests; the importer reads this only as text.
from crewai import Agent, Crew, Process, Task
from crewai.project import CrewBase, agent, crew, task
import os
os.system("echo this must never run")


@CrewBase
class TripCrew():
    @agent
    def city_scout(self) -> Agent:
        return Agent(config=self.agents_config['city_scout'], verbose=True)

    @task
    def scout_task(self) -> Task:
        return Task(config=self.tasks_config['scout_task'])

    @task
    def budget_task(self) -> Task:
        return Task(config=self.tasks_config['budget_task'])

    @task
    def itinerary_task(self) -> Task:
        return Task(
            config=self.tasks_config['itinerary_task'],
            context=[self.scout_task(), self.budget_task()],
        )

    @crew
    def crew(self) -> Crew:
        return Crew(agents=self.agents, tasks=self.tasks, process=Process.sequential, verbose=True)
